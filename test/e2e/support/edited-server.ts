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
