/**
 * The conventions every command follows: help on every command, --version, --json, `-` for
 * standard input, `--` ending the options, quiet pipes, one-line internal errors with their own
 * exit code, and progress only where a terminal shows it.
 */
import { execFile, spawn } from 'node:child_process'
import { createReadStream, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../runtime/cli/_args.ts'
import type { CliIO } from '../../runtime/cli/_command.ts'
import { EXIT_INTERNAL, loadCommands, main } from '../../runtime/cli/main.ts'
import { VERSION } from '../../runtime/version.ts'
import { cli, NOW } from './_world.ts'

const bin = fileURLToPath(new URL('../../bin/sealpost.js', import.meta.url))
const gpx = fileURLToPath(new URL('../fixtures/wearables/run.gpx', import.meta.url))
const PASS = 'correct horse battery'
const sh = promisify(execFile)

let vault = ''

beforeAll(async () => {
  vault = join(await mkdtemp(join(tmpdir(), 'sealpost-conventions-')), 'vault')
  expect((await cli(['vault', 'init', vault, '--scrypt-n', '1024'])).code).toBe(0)
  expect((await cli(['vault', 'generate', vault, '--scale', '0.05'])).code).toBe(0)
})

/** Every command's words, from the help listing. */
async function commandNames(): Promise<string[][]> {
  const { out } = await cli(['help'])
  return out
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.trim().split(/\s+/))
    .map((words) =>
      words.slice(
        0,
        words.findIndex((w) => !/^[a-z]+$/.test(w)),
      ),
    )
}

describe('help and version', () => {
  it('lists each command under the name its file gives it', async () => {
    for (const { listedAs, command } of await loadCommands()) expect(listedAs).toEqual(command.name)
  })

  it('answers --help, -h and `help CMD` on every command without running it', async () => {
    const names = await commandNames()
    expect(names.length).toBeGreaterThanOrEqual(24)
    for (const words of names) {
      for (const argv of [
        [...words, '--help'],
        [...words, 'some-arg', '-h'],
        ['help', ...words],
      ]) {
        const r = await cli(argv)
        expect(r.code, argv.join(' ')).toBe(0)
        expect(r.out).toContain(`usage: sealpost ${words.join(' ')}`)
        expect(r.err).toBe('')
      }
    }
  })

  it('treats --help after -- as an argument, not a request for help', async () => {
    const r = await cli(['audit', '--', '--help'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/no such file: --help/)
  })

  it('prints the version, also as JSON', async () => {
    expect((await cli(['--version'])).out).toBe(`sealpost ${VERSION}`)
    expect(JSON.parse((await cli(['--version', '--json'])).out)).toEqual({ version: VERSION })
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(VERSION).toBe(pkg.version)
  })

  it('refuses help on a command that does not exist', async () => {
    const r = await cli(['help', 'vault', 'frobnicate'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/no command 'vault frobnicate'/)
  })

  it('lists --json in the usage of every command that prints results', async () => {
    for (const words of await commandNames()) {
      if (words[0] === 'demo') continue // a story for people, not results
      if (words.join(' ') === 'relay serve') continue // a service: its logs are JSON lines anyway
      const r = await cli([...words, '--help'])
      expect(r.out, words.join(' ')).toMatch(/--json/)
    }
  })
})

describe('arguments', () => {
  it('ends the options at --', () => {
    const a = parseArgs(['x', '--', '--json', '-'], { boolean: ['json'] })
    expect(a.positionals).toEqual(['x', '--json', '-'])
    expect(a.flags.has('json')).toBe(false)
  })

  it('takes --key value and --key=value, and refuses what it does not know', () => {
    const spec = { valued: ['out'], boolean: ['json'] }
    expect(parseArgs(['--out', 'f', '--json'], spec).flags.get('out')).toBe('f')
    expect(parseArgs(['--out=--odd'], spec).flags.get('out')).toBe('--odd')
    expect(parseArgs(['--out', '-'], spec).flags.get('out')).toBe('-')
    expect(() => parseArgs(['--out', '--json'], spec)).toThrow(/--out needs a value/)
    expect(() => parseArgs(['--out'], spec)).toThrow(/--out needs a value/)
    expect(() => parseArgs(['--json=1'], spec)).toThrow(/--json takes no value/)
    expect(() => parseArgs(['--fast'], spec)).toThrow(/unknown option --fast/)
    expect(() => parseArgs(['-x'], spec)).toThrow(/unknown option -x/)
  })
})

describe('standard input', () => {
  it('imports from - (stdin) exactly what the file gives', async () => {
    const fromFile = await cli(['vault', 'import', vault, gpx, '--json'])
    const other = join(await mkdtemp(join(tmpdir(), 'sealpost-stdin-')), 'vault')
    expect((await cli(['vault', 'init', other, '--scrypt-n', '1024'])).code).toBe(0)
    const out: string[] = []
    const io: CliIO = {
      out: (l) => out.push(l),
      err: () => {},
      env: { SEALPOST_PASSPHRASE: PASS, SEALPOST_NOW: NOW },
      stdin: createReadStream(gpx),
    }
    expect(await main(['vault', 'import', other, '-', '--json'], io)).toBe(0)
    const piped = JSON.parse(out[0]!)
    expect(piped.collections).toEqual(JSON.parse(fromFile.out).collections)
    expect(piped.collections.activities.added).toBe(1)
  })

  it('reads a bundle to audit from a real pipe', async () => {
    const child = spawn(process.execPath, [bin, 'audit', '-', '--json'], {
      env: { ...process.env, SEALPOST_PASSPHRASE: PASS },
    })
    child.stdin.end(
      readFileSync(new URL('../../algorithms/shoe-size/manifest.json', import.meta.url)),
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise((r) => child.on('close', r))
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ id: 'com.stridewear.shoe-size', signed: false })
  })
})

describe('failures', () => {
  it('prints an internal error as one line with exit code 70, the stack only with SEALPOST_DEBUG=1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealpost-bug-'))
    const run = async (env: Record<string, string>, partner: string) => {
      const err: string[] = []
      const io: CliIO = {
        out: () => {
          throw new Error('the printer broke')
        },
        err: (l) => err.push(l),
        env,
      }
      return { code: await main(['keygen', '--partner', partner, '--out', dir], io), err }
    }
    const quiet = await run({}, 'acme')
    expect(quiet.code).toBe(EXIT_INTERNAL)
    expect(quiet.err).toEqual([
      'sealpost: internal error: the printer broke (SEALPOST_DEBUG=1 shows where)',
    ])
    const loud = await run({ SEALPOST_DEBUG: '1' }, 'acme2')
    expect(loud.code).toBe(EXIT_INTERNAL)
    expect(loud.err.join('\n')).toMatch(/Error: the printer broke\n\s+at /)
  })

  it('stays silent when the reader of its output goes away (| head)', async () => {
    const { stdout, stderr } = await sh(
      'sh',
      ['-c', `"${process.execPath}" "${bin}" vault export "${vault}" | head -c 20; echo " rc=$?"`],
      { env: { ...process.env, SEALPOST_PASSPHRASE: PASS }, maxBuffer: 1 << 20 },
    )
    expect(stdout).toMatch(/^\{\n {2}"[\s\S]* rc=0\n$/)
    expect(stderr).toBe('')
  })
})

describe('progress', () => {
  it('reports progress where the io shows it, and prints none otherwise', async () => {
    const other = join(await mkdtemp(join(tmpdir(), 'sealpost-progress-')), 'vault')
    expect((await cli(['vault', 'init', other, '--scrypt-n', '1024'])).code).toBe(0)
    const progress: (string | null)[] = []
    const err: string[] = []
    const io: CliIO = {
      out: () => {},
      err: (l) => err.push(l),
      env: { SEALPOST_PASSPHRASE: PASS },
      progress: (l) => progress.push(l),
    }
    expect(await main(['vault', 'generate', other, '--scale', '0.7'], io)).toBe(0)
    const lines = progress.filter((l) => l !== null)
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines[0]).toMatch(/^generate: 10,000 records read$/)
    expect(progress.at(-1)).toBeNull() // cleared when the command ends
    expect(err).toEqual([])
    const quiet = await cli(['vault', 'generate', other, '--scale', '0.7', '--seed', '2'])
    expect(quiet.code).toBe(0)
    expect(quiet.err).toBe('')
  })
})
