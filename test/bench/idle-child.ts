/**
 * The stall metric's control: a process that does nothing but keep a timer, measured with the
 * same histogram over the same window as the core. Whatever it sees was not caused by any code
 * (the machine's scheduler, a hypervisor taking the CPU back), so the core's longest stall can be
 * read against it. Prints "ready", measures from the first line on stdin until stdin ends, then
 * prints its longest stall in ms as JSON.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'

const delay = monitorEventLoopDelay({ resolution: 1 })
process.stdout.write('ready\n')
process.stdin.once('data', () => delay.enable())
process.stdin.once('end', () => {
  delay.disable()
  process.stdout.write(`${JSON.stringify({ maxMs: delay.max / 1e6 })}\n`)
  process.exit(0)
})
