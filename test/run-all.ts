/**
 * `npm test`: typecheck, lint, build, security, then every vitest project, in that order, each step
 * run even when an earlier one failed so one report shows everything. Ends with the totals line CI
 * reads. `npm test -- unit e2e` runs only the steps named; one test file goes to vitest itself
 * (`npx vitest run --project node test/main/...`).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface Tally {
  passed: number
  failed: number
  skipped: number
}

/** What failed, named again just above the totals: CI shows only the end of a long log. */
const failures: string[] = []

interface Report {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  testResults: {
    name: string
    status: string
    message?: string
    assertionResults: { status: string; fullName: string; failureMessages?: string[] }[]
  }[]
}

function firstLine(text: string | undefined): string {
  // vitest colours its messages; the list is read as plain text.
  const plain = (text ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim()
  const line = plain.split('\n')[0] ?? ''
  return line.length > 240 ? `${line.slice(0, 240)}…` : line
}

function noteFailures(json: Report): void {
  for (const file of json.testResults) {
    const where = file.name.replace(`${process.cwd()}/`, '')
    if (file.status === 'failed' && file.assertionResults.length === 0) failures.push(`${where}: ${firstLine(file.message)}`)
    for (const test of file.assertionResults) {
      if (test.status === 'failed') failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`)
    }
  }
}

const resultsDir = join(process.cwd(), 'test-results')
mkdirSync(resultsDir, { recursive: true })

function run(command: string, args: string[]): number {
  const started = Date.now()
  console.log(`\n▶ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  console.log(`◀ exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return result.status ?? 1
}

/** A step with no tests of its own (typecheck, lint, build) counts as one check. */
function check(name: string, command: string, args: string[]): Tally {
  const ok = run(command, args) === 0
  console.log(`${ok ? '✓' : '✗'} ${name}`)
  if (!ok) failures.push(`${name}: exited with an error (its output is above)`)
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }
}

function vitest(project: string[], reportName: string): Tally {
  const report = join(resultsDir, `${reportName}.json`)
  rmSync(report, { force: true })
  const projects = project.flatMap((p) => ['--project', p])
  const status = run('npx', ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as Report
    noteFailures(json)
    // A file that fails to load has no failed tests, yet it is a failure.
    const brokenFiles = json.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length
    const failed = json.numFailedTests + brokenFiles
    return {
      passed: json.numPassedTests,
      failed: failed === 0 && status !== 0 ? 1 : failed,
      skipped: json.numPendingTests + json.numTodoTests,
    }
  } catch {
    console.log(`✗ ${reportName}: vitest wrote no report`)
    failures.push(`${reportName}: vitest wrote no report`)
    return { passed: 0, failed: 1, skipped: 0 }
  }
}

const STEPS = ['typecheck', 'lint', 'build', 'security', 'unit', 'e2e']
const only = process.argv.slice(2)
// A step misspelt, or a test file given, once ran nothing and reported "0 passed, 0 failed".
const unknown = only.filter((step) => !STEPS.includes(step))
if (unknown.length > 0) {
  console.error(`npm test: no step ${unknown.map((step) => `"${step}"`).join(', ')}; the steps are ${STEPS.join(', ')}.`)
  console.error('To run one test file: npx vitest run --project node|renderer|e2e <file>')
  process.exit(2)
}
const wants = (step: string): boolean => only.length === 0 || only.includes(step)

const tallies: Tally[] = []
if (wants('typecheck')) tallies.push(check('typecheck', 'npm', ['run', '--silent', 'typecheck']))
if (wants('lint')) tallies.push(check('lint', 'npx', ['eslint', '.']))
if (wants('build')) tallies.push(check('build', 'npx', ['electron-vite', 'build']))
if (wants('security')) tallies.push(check('electronegativity', 'npx', ['tsx', 'test/security/electronegativity.ts']))
if (wants('unit')) tallies.push(vitest(['node', 'renderer'], 'unit-integration'))
if (wants('e2e')) tallies.push(vitest(['e2e'], 'e2e'))

const total = tallies.reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
})
const line = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`
const failed = failures.length > 0 ? `Failed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}\n` : ''
writeFileSync(join(resultsDir, 'summary.txt'), `${failed}${line}\n`)
console.log(`\n${failed}${line}`)
process.exit(total.failed === 0 ? 0 : 1)
