import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, ChangeEnvelope, WorkspaceResponse } from '../../shared/api'
import { startReferenceServer } from '../../server/index'
import { connect, openStream, startClient, waitFor, type Client } from './helpers'

describe('GET /stream', () => {
  let client: Client
  beforeAll(async () => {
    client = await startClient({ seed: 50, heartbeatMs: 50 })
  })
  afterAll(() => client.server.close())

  it('delivers a new change live with its seq as the event id, and sends heartbeats', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    const stream = await openStream(client, { after: seq })
    try {
      expect(stream.status).toBe(200)
      expect(stream.contentType).toMatch(/^text\/event-stream/)
      await waitFor(() => stream.comments.includes('connected'), 5000, 'the stream to open')
      await client.post('/demo/conversations', { text: 'Live one' })
      const events = await waitFor(() => stream.events.length >= 2 && stream.events, 5000, 'two change events')
      const first = ChangeEnvelope.parse(JSON.parse(events[0]!.data))
      expect(events[0]!.event).toBe('change')
      expect(events[0]!.id).toBe(String(first.seq))
      expect(first).toMatchObject({ seq: seq + 1, entity: 'conversation' })
      expect(ChangeEnvelope.parse(JSON.parse(events[1]!.data)).seq).toBe(seq + 2)
      await waitFor(() => stream.comments.includes('ping'), 5000, 'a heartbeat')
    } finally {
      stream.close()
    }
  })

  it('sends the backlog after ?after= in order before live changes', async () => {
    const { seq } = WorkspaceResponse.parse((await client.get('/workspace')).body)
    await client.post('/demo/conversations', {})
    await client.post('/demo/conversations', {})
    const stream = await openStream(client, { after: seq })
    try {
      await waitFor(() => stream.events.length >= 4, 5000, 'the backlog')
      await client.post('/demo/conversations', {})
      await waitFor(() => stream.events.length >= 6, 5000, 'the live changes')
      expect(stream.events.map((event) => Number(event.id))).toEqual([1, 2, 3, 4, 5, 6].map((n) => seq + n))
    } finally {
      stream.close()
    }
  })

  it('sends event: reset with cursor_expired for a foreign cursor, then ends', async () => {
    const stream = await openStream(client, { after: 1_000_000 })
    await waitFor(() => stream.ended, 5000, 'the stream to end')
    expect(stream.events).toHaveLength(1)
    expect(stream.events[0]!.event).toBe('reset')
    expect(ApiError.parse(JSON.parse(stream.events[0]!.data)).error.code).toBe('cursor_expired')
  })
})

describe('resuming the stream across a server restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observe-stream-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('resumes after Last-Event-ID on the same database file, keeping seq and datasetId', async () => {
    const dbFile = join(dir, 'reference.db')
    const first = await connect(await startReferenceServer({ dbFile, seed: 30, sim: false }))
    const before = WorkspaceResponse.parse((await first.get('/workspace')).body)
    const stream = await openStream(first, { after: before.seq })
    await waitFor(() => stream.comments.includes('connected'), 5000, 'the stream to open')
    await first.post('/demo/conversations', { text: 'before the restart' })
    await waitFor(() => stream.events.length >= 2, 5000, 'the first changes')
    const lastEventId = stream.events.at(-1)!.id!
    await first.server.close()
    await waitFor(() => stream.ended, 5000, 'the stream to end with the server')

    const second = await connect(await startReferenceServer({ dbFile, seed: 30, sim: false }))
    try {
      const after = WorkspaceResponse.parse((await second.get('/workspace')).body)
      expect(after.datasetId).toBe(before.datasetId)
      expect(after.seq).toBe(Number(lastEventId))
      // A change made while no one was listening arrives as backlog, then the live one follows.
      await second.post('/demo/conversations', { text: 'after the restart' })
      const resumed = await openStream(second, { lastEventId })
      try {
        await waitFor(() => resumed.events.length >= 2, 5000, 'the backlog')
        await second.post('/demo/conversations', {})
        await waitFor(() => resumed.events.length >= 4, 5000, 'the live changes')
        expect(resumed.events.map((event) => Number(event.id))).toEqual([1, 2, 3, 4].map((n) => Number(lastEventId) + n))
        expect(JSON.parse(resumed.events[1]!.data)).toMatchObject({ entity: 'message', data: { text: 'after the restart' } })
      } finally {
        resumed.close()
      }
    } finally {
      await second.server.close()
    }
  })
})
