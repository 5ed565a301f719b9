#!/usr/bin/env node
// The `sealpost` executable. The published package runs the compiled JavaScript in dist/. A source
// checkout runs the TypeScript sources through tsx (so `npm start` needs no build and never runs a
// stale dist/), unless SEALPOST_DIST=1 asks for the compiled build (`npm run build`).
import { existsSync } from 'node:fs'
import module from 'node:module'

const sources = new URL('../runtime/cli/main.ts', import.meta.url)
let cli
if (process.env.SEALPOST_DIST !== '1' && existsSync(sources)) {
  await import('./_dev.js')
  cli = await import(sources.href)
} else {
  // Node ≥ 22.1 keeps V8's compiled code of the CLI on disk between runs (off with
  // NODE_DISABLE_COMPILE_CACHE=1); Node 20 has no such cache and skips this.
  module.enableCompileCache?.()
  cli = await import(new URL('../dist/cli/sealpost.js', import.meta.url).href)
}
await cli.runCli(process.argv.slice(2))
