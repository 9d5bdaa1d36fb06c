import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/main/db/connection'

const mode = (path: string): number => statSync(path).mode & 0o777
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

// Windows has no such modes; a profile folder there is the user's own already.
describe.skipIf(process.platform === 'win32')('the cache on disk', () => {
  it("is the signed-in user's alone: customers' names, numbers and threads are in it", () => {
    const root = mkdtempSync(join(tmpdir(), 'observe-perm-'))
    dirs.push(root)
    const file = join(root, 'profiles', 'abc', 'cache.sqlite')
    const db = openDatabase(file)
    db.prepare('INSERT INTO sync_state (id) VALUES (1) ON CONFLICT DO NOTHING').run()
    expect(mode(join(root, 'profiles'))).toBe(0o700)
    expect(mode(join(root, 'profiles', 'abc'))).toBe(0o700)
    for (const part of ['', '-wal', '-shm']) expect(mode(file + part), `cache.sqlite${part}`).toBe(0o600)
    db.close()
  })

  it('is made so also when an older version left it readable to all, and leaves a folder that was there as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'observe-perm-'))
    dirs.push(root)
    chmodSync(root, 0o755)
    const file = join(root, 'cache.sqlite')
    writeFileSync(file, '', { mode: 0o644 })
    // A crash of an older version left these behind, readable to all.
    // Not empty: SQLite itself gives an empty one the database's permissions.
    writeFileSync(`${file}-wal`, 'x'.repeat(64), { mode: 0o644 })
    writeFileSync(`${file}-shm`, 'x'.repeat(64), { mode: 0o644 })
    chmodSync(`${file}-wal`, 0o644)
    chmodSync(`${file}-shm`, 0o644)
    const db = openDatabase(file)
    for (const part of ['', '-wal', '-shm']) expect(mode(file + part), `cache.sqlite${part}`).toBe(0o600)
    db.close()
    expect(mode(file)).toBe(0o600)
    // It may be anyone's (a --data folder, say): not ours to close.
    expect(mode(root)).toBe(0o755)
  })
})
