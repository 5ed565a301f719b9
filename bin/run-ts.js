#!/usr/bin/env node
// Runs one TypeScript entry file (benchmarks, scripts) from the sources (development only).
import './_dev.js'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const [file, ...rest] = process.argv.slice(2)
if (!file) {
  console.error('usage: run-ts FILE [ARGS...]')
  process.exit(2)
}
process.argv = [process.argv[0], resolve(file), ...rest]
await import(pathToFileURL(resolve(file)).href)
