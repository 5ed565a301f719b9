/**
 * Commands that succeed print back what they were given: the vault's folder, the key files they
 * wrote, the folder of a new module, a partner's name. A path may hold a newline, an ANSI escape or
 * a bidi override; none of them reaches the terminal raw, so a path cannot forge a second line
 * (`sealpost: done [OK]`), clear the screen or reorder what a person reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CliIO } from '../../runtime/cli/_command.ts'
import { main, printableIO } from '../../runtime/cli/main.ts'

/** A name that tries to end the line, print a fake success, clear the screen and flip the text. */
const EVIL = 'x\nsealpost: done [OK]\u001b[2J\r\u202eevil'
/** How `EVIL` must appear in every line that quotes it. */
const SHOWN = 'x\\u000asealpost: done [OK]\\u001b[2J\\u000d\\u202eevil'
// Every character the CLI must never print raw (C0 and C1 controls, DEL, separators, bidi, BOM).
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/

let dir = ''
let parent = ''

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sealpost-cli-echo-'))
  parent = join(dir, EVIL)
  mkdirSync(parent)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Printed {
  readonly code: number
  /** Every `out` and `err` call, in order. */
  readonly calls: readonly string[]
}

async function sealpost(...argv: string[]): Promise<Printed> {
  const calls: string[] = []
  const code = await main(argv, {
    out: (l) => calls.push(l),
    err: (l) => calls.push(l),
    env: { SEALPOST_PASSPHRASE: 'correct horse battery', SEALPOST_NOW: '2026-01-02T09:00:00Z' },
  })
  return { code, calls }
}

/** The lines a terminal would show, and the checks every one of them must pass. */
function expectPrintable(p: Printed): void {
  for (const call of p.calls) {
    expect(call, JSON.stringify(call)).not.toMatch(RAW)
  }
  const joined = p.calls.join('\n')
  // The only lines are those sealpost meant: none starts with the forged text.
  expect(joined.split('\n').filter((l) => l.startsWith('sealpost: done'))).toEqual([])
}

describe('success messages quote paths and names escaped', () => {
  it('vault init, vault generate and vault export echo the vault path escaped', async () => {
    const vault = join(parent, 'vault')
    const init = await sealpost('vault', 'init', vault, '--scrypt-n', '1024')
    expect(init.code).toBe(0)
    expectPrintable(init)
    expect(init.calls.join('\n')).toContain(`in ${join(dir, SHOWN, 'vault')}`)

    const generated = await sealpost('vault', 'generate', vault, '--scale', '0.01')
    expect(generated.code).toBe(0)
    expectPrintable(generated)
    expect(generated.calls.join('\n')).toContain(`--vault ${join(dir, SHOWN, 'vault')}`)

    const file = join(parent, `export${EVIL}.json`)
    const exported = await sealpost('vault', 'export', vault, '--out', file)
    expect(exported.code).toBe(0)
    expect(existsSync(file)).toBe(true)
    expectPrintable(exported)
    expect(exported.calls).toContain(`wrote ${join(dir, SHOWN, `export${SHOWN}.json`)}`)
  })

  it('--json output keeps the exact path: the escapes are JSON escapes', async () => {
    const vault = join(parent, 'json-vault')
    const init = await sealpost('vault', 'init', vault, '--scrypt-n', '1024', '--json')
    expect(init.code).toBe(0)
    expectPrintable(init)
    expect(init.calls).toHaveLength(1)
    expect(JSON.parse(init.calls[0]!).vault).toBe(vault)
  })

  it('relay init and keygen echo the key files they wrote escaped', async () => {
    const relay = await sealpost('relay', 'init', '--data', join(parent, 'relay'))
    expect(relay.code).toBe(0)
    expectPrintable(relay)
    expect(relay.calls.join('\n')).toContain(join(dir, SHOWN, 'relay', 'operator.pub'))

    const keys = await sealpost('keygen', '--partner', 'acme', '--out', join(parent, 'keys'))
    expect(keys.code).toBe(0)
    expectPrintable(keys)
    expect(keys.calls.join('\n')).toContain(join(dir, SHOWN, 'keys', 'acme.key'))
  })

  it('init echoes the new module folder escaped', async () => {
    const made = await sealpost('init', join(parent, 'module'), '--partner', 'acme', '--name', EVIL)
    expect(made.code).toBe(0)
    expectPrintable(made)
    expect(made.calls.join('\n')).toContain(
      `next: sealpost bundle test ${join(dir, SHOWN, 'module')}`,
    )
  })
})

describe('printableIO', () => {
  it('makes each call one line, whatever it holds', () => {
    const calls: (string | null)[] = []
    const io = printableIO({
      out: (l) => calls.push(l),
      err: (l) => calls.push(l),
      progress: (l) => calls.push(l),
      env: {},
    } satisfies CliIO)
    io.out(EVIL)
    io.err('a\u0085b\u2028c\ud800')
    io.progress?.(EVIL)
    io.progress?.(null)
    expect(calls).toEqual([SHOWN, 'a\\u0085b\\u2028c\\ud800', SHOWN, null])
  })
})
