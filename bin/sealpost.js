#!/usr/bin/env node
// The `sealpost` executable. In the published package it runs the compiled JavaScript in dist/;
// in a source checkout without a build it runs the TypeScript sources through tsx (a dev
// dependency), so `npm start` needs no build step.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/runtime/cli/main.js', import.meta.url)
const sources = new URL('../runtime/cli/main.ts', import.meta.url)
let cli
if (existsSync(sources) && process.env.SEALPOST_DIST !== '1') {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import(sources.href)
} else {
  cli = await import(compiled.href)
}
await cli.runCli(process.argv.slice(2))
