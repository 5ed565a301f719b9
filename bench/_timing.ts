/** benchmark.js wrappers that return mean ms per operation and the relative margin of error. */

import Benchmark from 'benchmark'

export interface Timing {
  readonly ms: number
  readonly rme: number
}

export interface TimingOptions {
  readonly quick: boolean
}

function settings(opts: TimingOptions): Benchmark.Options {
  return opts.quick
    ? { maxTime: 0.4, minSamples: 5, initCount: 1 }
    : { maxTime: 3, minSamples: 20, initCount: 1 }
}

function finish(bench: Benchmark): Timing {
  if (bench.error) throw bench.error
  return { ms: bench.stats.mean * 1000, rme: bench.stats.rme }
}

/** Times a synchronous function. */
export function timeSync(name: string, fn: () => void, opts: TimingOptions): Timing {
  const bench = new Benchmark(name, fn, settings(opts))
  bench.run()
  return finish(bench)
}

/** Times an async function (benchmark.js deferred mode). */
export function timeAsync(
  name: string,
  fn: () => Promise<void>,
  opts: TimingOptions,
): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const bench = new Benchmark(name, {
      ...settings(opts),
      defer: true,
      fn: (deferred: { resolve(): void }) => {
        fn().then(
          () => deferred.resolve(),
          (e: unknown) => {
            bench.abort()
            reject(e)
          },
        )
      },
      onComplete: () => {
        try {
          resolve(finish(bench))
        } catch (e) {
          reject(e)
        }
      },
    })
    bench.run({ async: true })
  })
}
