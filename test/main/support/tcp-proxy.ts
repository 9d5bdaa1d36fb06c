/**
 * A TCP proxy on 127.0.0.1 in front of a real server, standing in for the network between Observe
 * and it: the network can be cut (every connection dropped, new ones refused), the connections
 * open can freeze (nothing more passes either way, nothing closes: a laptop that slept behind a
 * router that forgot it), and the change stream can be held back while other requests pass.
 */
import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface TcpProxy {
  url: string
  /** Drops every connection and refuses new ones until restore(). */
  cut(): void
  restore(): void
  /** The connections open now pass nothing more and stay open; new ones work. */
  freeze(): void
  /** While held, a new connection that asks for the change stream waits; released, it goes on. */
  holdStreams(hold: boolean): void
  /** Change stream requests seen so far. */
  readonly streamsAsked: number
  close(): Promise<void>
}

export async function startTcpProxy(target: { port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket | null]>()
  const frozen: Socket[] = []
  let refusing = false
  let holding = false
  let held: (() => void)[] = []
  let streamsAsked = 0

  const server = createServer((client) => {
    if (refusing) return void client.destroy()
    const pair: [Socket, Socket | null] = [client, null]
    pairs.add(pair)
    client.on('close', () => {
      pair[1]?.destroy()
      pairs.delete(pair)
    })
    client.on('error', () => {})
    client.once('data', (first: Buffer) => {
      // Until it is piped on, nothing may be read past the first chunk.
      client.pause()
      const go = (): void => {
        if (client.destroyed) return
        const upstream = connect(target.port, '127.0.0.1')
        pair[1] = upstream
        upstream.on('error', () => client.destroy())
        upstream.on('close', () => client.destroy())
        upstream.write(toTarget(first))
        client.on('data', (chunk: Buffer) => upstream.write(toTarget(chunk)))
        client.resume()
        upstream.pipe(client)
      }
      const stream = first.toString('latin1').startsWith('GET /api/v1/stream')
      if (stream) streamsAsked++
      if (stream && holding) held.push(go)
      else go()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  // The server answers only requests addressed to itself (its Host check), as a proxy's would be.
  const toTarget = (chunk: Buffer): Buffer => Buffer.from(chunk.toString('latin1').replaceAll(`127.0.0.1:${port}`, `127.0.0.1:${target.port}`), 'latin1')

  return {
    url: `http://127.0.0.1:${port}`,
    get streamsAsked() {
      return streamsAsked
    },
    cut() {
      refusing = true
      held = []
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream?.destroy()
      }
    },
    restore() {
      refusing = false
    },
    freeze() {
      for (const pair of pairs) {
        const [client, upstream] = pair
        client.removeAllListeners('data')
        upstream?.unpipe()
        client.pause()
        upstream?.pause()
        // Frozen, it is no longer this proxy's to drop or count.
        pairs.delete(pair)
        frozen.push(client, ...(upstream ? [upstream] : []))
      }
    },
    holdStreams(hold) {
      holding = hold
      if (!hold) for (const go of held.splice(0)) go()
    },
    close() {
      for (const socket of frozen) socket.destroy()
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream?.destroy()
      }
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
