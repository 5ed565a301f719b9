/**
 * `sealpost relay serve --data DIR | --database URL [--port N] [--host H] [--origin URL,…]`: runs the relay until
 * SIGTERM or SIGINT, then shuts down gracefully (readiness 503, in-flight calls finish, database
 * closed). Logs are JSON lines on stdout, without addresses. Environment: DATABASE_URL, PORT,
 * SEALPOST_OPERATOR_KEY_FILE, SEALPOST_RELAY_ORIGINS.
 */

import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { openOperatorKey, openRelayDatabase, RELAY_DB_FLAGS } from './_relay_open.ts'

export const relayServeCommand: Command = {
  name: ['relay', 'serve'],
  usage: 'relay serve --data DIR | --database URL [--port N] [--host H] [--origin URL,…]',
  summary: 'run the relay (registry, postman, meter) until SIGTERM',
  details: [
    '--data DIR: embedded PostgreSQL (PGlite) in DIR/db and the key in DIR/operator.key',
    '--database postgres://…: a PostgreSQL server (or DATABASE_URL); any number of relays may share it',
    '--host defaults to 127.0.0.1: put a TLS proxy in front for the network',
    '--origin: web app origins allowed to call it from a browser (CORS), comma-separated (or SEALPOST_RELAY_ORIGINS)',
  ],
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...RELAY_DB_FLAGS, 'port', 'host', 'origin'] })
    if (args.positionals.length > 0)
      throw new UsageError('relay serve takes no positional arguments')
    const rawPort = flagValue(args, 'port') ?? io.env['PORT'] ?? '8787'
    const port = Number(rawPort)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number, got '${rawPort}'`)
    const { jsonLogger, startRelay } = await import('../../../relay/serve.ts')
    const operatorKey = await openOperatorKey(args, io)
    const db = await openRelayDatabase(args, io)
    const log = jsonLogger((line) => io.out(line.trimEnd()))
    const running = await startRelay({
      db,
      operatorKey,
      port,
      hostname: flagValue(args, 'host') ?? '127.0.0.1',
      allowedOrigins: (flagValue(args, 'origin') ?? io.env['SEALPOST_RELAY_ORIGINS'] ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
      log,
    })
    log({
      time: new Date().toISOString(),
      level: 'info',
      msg: 'listening',
      url: running.url,
      database: db.kind,
      operatorKey: operatorKey.publicKeyHex,
    })
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGTERM', stop)
        process.off('SIGINT', stop)
        resolve()
      }
      process.on('SIGTERM', stop)
      process.on('SIGINT', stop)
    })
    log({ time: new Date().toISOString(), level: 'info', msg: 'shutting down' })
    await running.close()
    await db.close()
    operatorKey.dispose()
    return 0
  },
}
