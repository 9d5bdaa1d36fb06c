/**
 * The sync's writer thread: its own connection to the cache file, running write jobs one at a
 * time, in the order they arrive. WAL keeps the main thread's reads going while a job commits.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/connection'
import { ChainedJobs } from './write-jobs'
import type { WriterData, WriterReply, WriterRequest } from './writer-protocol'

const port = parentPort
if (!port) throw new Error('writer-worker runs as a worker thread')
const db = openDatabase((workerData as WriterData).file)
const jobs = new ChainedJobs(db)

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply
  if ('close' in request) {
    db.close()
    port.postMessage({ id: request.id, ok: true, result: null } satisfies WriterReply)
    port.close()
    return
  }
  try {
    reply = { id: request.id, ok: true, result: jobs.run(request.job, request.chain) }
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), code }
  }
  port.postMessage(reply)
})
