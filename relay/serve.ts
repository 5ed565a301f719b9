/**
 * Serving the relay with Node (`@hono/node-server`), and starting a whole relay from a data
 * folder or a database URL: open, migrate, build the app, listen, sweep on a timer, and shut down
 * gracefully (readiness turns 503, the listener stops taking connections, in-flight calls finish,
 * then the database closes).
 */

import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createRelayApp, type Relay, type RelayOptions } from './app.ts'
import type { LogEntry } from './_context.ts'
import { openPglite, openPostgres, type RelayDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'

/** A listening relay. */
export interface RunningRelay {
  readonly relay: Relay
  readonly db: RelayDatabase
  /** `http://host:port` */
  readonly url: string
  readonly port: number
  /** Graceful shutdown; resolves once in-flight calls finished and the database closed. */
  close(): Promise<void>
}

/** Options of `startRelay`. */
export interface StartOptions extends Omit<RelayOptions, 'db'> {
  /** A PGlite data folder (`--data DIR/db`), or… */
  readonly dataDir?: string
  /** …a PostgreSQL URL (`--database postgres://…`), or an open database. */
  readonly databaseUrl?: string
  readonly db?: RelayDatabase
  readonly port?: number
  /** Default 127.0.0.1: put a TLS-terminating proxy in front for anything else. */
  readonly hostname?: string
  /** How often to expire envelopes and forget old nonces (default 60 s; 0 disables). */
  readonly sweepEveryMs?: number
}

/** A JSON-lines logger on stdout. */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)) {
  return (entry: LogEntry): void => write(JSON.stringify(entry) + '\n')
}

/** Opens the database, migrates it, and serves the relay. */
export async function startRelay(options: StartOptions): Promise<RunningRelay> {
  const db =
    options.db ??
    (options.databaseUrl !== undefined
      ? await openPostgres(options.databaseUrl)
      : await openPglite(options.dataDir))
  await migrate(db)
  const relay = createRelayApp({ ...options, db })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: relay.app.fetch,
        port: options.port ?? 0,
        hostname: options.hostname ?? '127.0.0.1',
      },
      () => resolve(s),
    )
  })
  const address = server.address() as AddressInfo
  const every = options.sweepEveryMs ?? 60_000
  const timer =
    every > 0
      ? setInterval(() => {
          relay.sweep().catch(() => undefined)
        }, every)
      : undefined
  timer?.unref()
  let closing: Promise<void> | undefined
  return {
    relay,
    db,
    port: address.port,
    url: `http://${address.address}:${address.port}`,
    close() {
      closing ??= (async () => {
        relay.drain()
        if (timer) clearInterval(timer)
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          // Idle keep-alive sockets would hold close() open.
          ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
        })
        if (!options.db) await db.close()
      })()
      return closing
    },
  }
}
