import { describe, expect, it } from 'vitest'
import { createSandbox } from '../../sandbox/index.ts'

describe('a sandbox disposed while its worker starts', () => {
  it('settles the warm-up at once instead of timing out later', async () => {
    const sandbox = createSandbox()
    const ready = sandbox.warmUp()
    await sandbox.dispose()
    const settled = await Promise.race([
      ready.then(
        () => 'ended',
        (e: Error) => e.message,
      ),
      new Promise((r) => setTimeout(() => r('still pending'), 2_000)),
    ])
    expect(settled).toBe('ended')
    expect(() => sandbox.run({} as never)).toThrow(/used after dispose/)
  })
})
