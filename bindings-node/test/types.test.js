'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

test('a TypeScript example type-checks against index.d.ts (tsc --noEmit)', () => {
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  const out = execFileSync(tsc, ['--noEmit', '-p', path.join(__dirname, '..', 'examples')], { encoding: 'utf8' })
  assert.equal(out.trim(), '')
})

test('a type error in user code is caught', () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antom-ts-'))
  fs.writeFileSync(path.join(dir, 'bad.ts'), "import { Response } from 'antom'\nconst r = {} as Response\nconst s: 'X' = r.resultStatus\nvoid s\n")
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['bad.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  assert.throws(() => execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' }), (e) => {
    assert.match(String(e.stdout), /not assignable to type '"X"'/)
    return true
  })
})
