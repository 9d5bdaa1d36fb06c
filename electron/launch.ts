/**
 * `npm start`: the desktop app when Electron's binary is here (or can be fetched), otherwise the
 * same app in browser mode, said in one line. The app is already built by the npm script.
 */
import { spawn } from 'node:child_process'
import { ensureElectronBinary } from './electron-binary'

const binary = ensureElectronBinary()
const args = process.argv.slice(2)

if (binary.ok) {
  const child = spawn(binary.path, ['.', ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
} else {
  console.log(`Observe: ${binary.reason}; starting browser mode instead.`)
  process.argv = [process.argv[0] ?? 'node', process.argv[1] ?? 'launch', ...args]
  await import('./web/cli')
}
