/**
 * `sealpost relay serve` as a child process on a free port, for the tests that need a real relay
 * process (the CLI story, the kill -9 run): resolves once the relay logs that it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../bin/sealpost.js', import.meta.url))

export interface ServedRelay {
  readonly url: string
  readonly child: ChildProcess
  /** Every line the relay printed on stdout (its JSON log), growing while it runs. */
  readonly lines: string[]
  /** Settles with the exit code (null when ended by a signal) once the process has exited. */
  readonly exit: Promise<number | null>
}

/** Starts `sealpost relay serve --port 0 ARGS`; rejects with its stderr if it exits first. */
export function serveRelay(args: readonly string[]): Promise<ServedRelay> {
  const child = spawn(process.execPath, [bin, 'relay', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const lines: string[] = []
  return new Promise((resolve, reject) => {
    let buffer = ''
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      let i
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 1)
        lines.push(line)
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg === 'listening') resolve({ url: entry.url!, child, lines, exit })
      }
    })
    child.once('exit', (code, signal) =>
      reject(new Error(`relay serve exited ${code ?? signal}: ${stderr}`)),
    )
  })
}
