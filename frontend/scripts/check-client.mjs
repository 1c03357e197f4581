#!/usr/bin/env node
// Fails when src/client/schema.d.ts is not what `npm run client` would generate from
// ../openapi/openapi.json (the committed spec). Fix: run `npm run client` and commit the result.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const spec = path.resolve(root, '../openapi/openapi.json')
const committed = path.join(root, 'src/client/schema.d.ts')
const bin = path.join(root, 'node_modules/.bin/openapi-typescript')

/** Returns an error message, or null when the committed client matches the spec. */
function check() {
  if (!existsSync(spec)) return `OpenAPI spec not found at ${spec}`
  if (!existsSync(committed)) return 'src/client/schema.d.ts is missing; run `npm run client`'
  if (!existsSync(bin)) return 'openapi-typescript is not installed; run `npm ci`'

  const dir = mkdtempSync(path.join(tmpdir(), 'skillbase-client-'))
  try {
    const fresh = path.join(dir, 'schema.d.ts')
    const run = spawnSync(bin, [spec, '-o', fresh], { cwd: root, encoding: 'utf8' })
    if (run.status !== 0) return `openapi-typescript exited with ${run.status}\n${run.stderr || run.stdout}`
    const a = readFileSync(committed, 'utf8').split('\n')
    const b = readFileSync(fresh, 'utf8').split('\n')
    let i = 0
    while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++
    if (i === Math.max(a.length, b.length)) return null
    return (
      'src/client/schema.d.ts is out of date with ../openapi/openapi.json\n' +
      `  first difference at line ${i + 1}:\n` +
      `    committed: ${JSON.stringify(a[i] ?? '<end of file>')}\n` +
      `    generated: ${JSON.stringify(b[i] ?? '<end of file>')}\n` +
      'Run `npm run client` in frontend/ (or `make client`) and commit src/client/schema.d.ts.'
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const error = check()
if (error) {
  console.error(`client:check FAILED: ${error}`)
  process.exit(1)
}
console.log('client:check OK: src/client/schema.d.ts matches ../openapi/openapi.json')
