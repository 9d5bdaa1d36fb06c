/**
 * The live burst's load generator in its own process: 200 concurrent POSTs are sockets, JSON and
 * promises that would otherwise run on the measured event loop and count as the core's stall.
 * Args: server URL, bearer token, how many. Prints "ready" once loaded, fires when a line arrives
 * on stdin (so the bench can start it before its stall window: spawning a process blocks the
 * spawning thread for a while), then prints "done" when every request has been answered.
 */
export {}

const [url, token, count] = process.argv.slice(2)
process.stdout.write('ready\n')
await new Promise((fire) => process.stdin.once('data', fire))
process.stdin.pause()
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    fetch(`${url}/api/v1/demo/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ customerName: `Burst ${i}` }),
    }).then((res) => res.arrayBuffer()),
  ),
)
process.stdout.write('done\n')
