import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startReferenceServer, type ReferenceServer } from '../../../server/index'

/**
 * A reference server whose seeded store was edited before it started (a renamed agent, a time no
 * clock should send): what the server's API never lets a test write. The store lives in `dir`.
 */
export async function startEditedServer(dir: string, seed: number, edit: (db: Database.Database) => void): Promise<ReferenceServer> {
  const dbFile = join(dir, 'server.sqlite')
  await (await startReferenceServer({ port: 0, seed, sim: false, dbFile })).close()
  const db = new Database(dbFile)
  try {
    edit(db)
  } finally {
    db.close()
  }
  return startReferenceServer({ port: 0, sim: false, demo: true, dbFile })
}

/** The seed's first online agent renamed, as a contact center's account names go: long ones, as tests of cut names need. */
export function renameFirstOnlineAgent(db: Database.Database, name: string): void {
  db.prepare("UPDATE agents SET name = ? WHERE id = (SELECT id FROM agents WHERE role = 'agent' AND presence = 'online' ORDER BY id LIMIT 1)").run(name)
}
