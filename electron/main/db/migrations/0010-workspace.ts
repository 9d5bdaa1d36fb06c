import type { Migration } from './types'

/** Reference data the lists resolve names and colours from; replaced wholesale from GET /workspace. */
export const migration0010: Migration = {
  version: 10,
  name: 'workspace',
  up(db) {
    db.exec(`
      CREATE TABLE agents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        presence TEXT NOT NULL,
        quota INTEGER NOT NULL,
        load INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT NOT NULL
      ) STRICT;
      CREATE TABLE channels (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        account TEXT NOT NULL
      ) STRICT;
    `)
  },
}
