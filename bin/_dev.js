// Development only (a source checkout): run the TypeScript sources through tsx, with package.json
// `imports` (`#platform/*`) resolved to the sources by the `sealpost-source` condition.
// The published package never loads this file: its bin runs the compiled JavaScript in dist/.
import { register } from 'node:module'
import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
const hook = `export async function resolve(specifier, context, next) {
  if (context.conditions.includes('sealpost-source')) return next(specifier, context)
  return next(specifier, { ...context, conditions: [...context.conditions, 'sealpost-source'] })
}`
register('data:text/javascript,' + encodeURIComponent(hook))
