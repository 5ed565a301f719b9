/** The README's examples are code that runs: each is a file under examples/, quoted verbatim. */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { embedExample } from '../examples/embed.ts'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('the README', () => {
  it('quotes examples/embed.mjs verbatim (run by name from the packed package in tests/package)', () => {
    const file = readFileSync(new URL('../examples/embed.mjs', import.meta.url), 'utf8')
    expect(readme).toContain('```js\n' + file + '```')
  })

  it('embedding example runs: the partner opens exactly what left, billed 10 cents', async () => {
    const { contract, output, opened, cents } = await embedExample()
    expect(contract).toContain('StrideWear')
    expect(output).toEqual({ euSize: 42 })
    expect(opened).toEqual(output)
    expect(cents).toBe(10)
  })

  it('shows the two commands of the Quick start', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })
})
