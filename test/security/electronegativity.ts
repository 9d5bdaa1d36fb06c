/**
 * Runs Electronegativity over electron/ and fails on any medium or high finding that
 * electronegativity-explained.json (beside this file) does not explain. The tool is fetched from
 * the npm registry at a pinned version rather than installed with the app: it brings an old
 * toolchain of its own that nothing else needs.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const TOOL = '@doyensec/electronegativity@1.10.3'
const report = join(ROOT, 'test-results', 'electronegativity.csv')
mkdirSync(join(ROOT, 'test-results'), { recursive: true })

const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
const run = spawnSync('npx', ['--yes', TOOL, '-i', join(ROOT, 'electron'), '-r', '-e', electronVersion, '-o', report], {
  encoding: 'utf8',
  timeout: 300_000,
})
if (run.status !== 0) {
  console.error(run.stdout, run.stderr)
  console.error(`✗ electronegativity did not run (exit ${run.status})`)
  process.exit(1)
}

const explained = JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-explained.json'), 'utf8')) as Record<
  string,
  Record<string, string> | string
>

/** The CSV quotes some fields; none of the fields we read contain commas. */
const rows = readFileSync(report, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '')))

let unexplained = 0
for (const [check, severity, confidence, file, location] of rows) {
  if (severity !== 'MEDIUM' && severity !== 'HIGH') continue
  const byFile = explained[check ?? '']
  const reason = typeof byFile === 'object' ? byFile[file ?? ''] : undefined
  if (reason) {
    console.log(`  explained  ${severity} ${check} ${file}:${location} — ${reason}`)
  } else {
    unexplained++
    console.log(`✗ UNEXPLAINED ${severity}/${confidence} ${check} at ${file}:${location}`)
  }
}
console.log(`${rows.length} finding(s), ${unexplained} medium/high left unexplained`)
process.exit(unexplained === 0 ? 0 : 1)
