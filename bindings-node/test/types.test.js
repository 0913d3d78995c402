'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { tempDir } = require('./helpers')

test('a TypeScript example type-checks against index.d.ts (tsc --noEmit)', () => {
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  const out = execFileSync(tsc, ['--noEmit', '-p', path.join(__dirname, '..', 'examples')], { encoding: 'utf8' })
  assert.equal(out.trim(), '')
})

test('a type error in user code is caught', () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const dir = tempDir('antom-ts-')
  fs.writeFileSync(path.join(dir, 'bad.ts'), "import { Response } from 'antom'\nconst r = {} as Response\nconst s: 'X' = r.resultStatus\nvoid s\n")
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['bad.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  assert.throws(() => execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' }), (e) => {
    assert.match(String(e.stdout), /not assignable to type '"X"'/)
    return true
  })
})

test('a misspelt request field and a wrong type are caught; an enum value Antom adds later is not', () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const dir = tempDir('antom-ts-')
  fs.writeFileSync(path.join(dir, 'bad.ts'), [
    "import { Client } from 'antom'",
    "const c = new Client({ clientId: 'C', privateKey: 'k', antomPublicKey: 'k' })",
    "void c.pay({ paymentRequestIdd: 'o1' })",
    "void c.pay({ productCode: 42 })",
    // Open enums: a value this version does not know type-checks, and the known ones complete.
    "void c.pay({ productCode: 'A_PRODUCT_CODE_ANTOM_ADDS_LATER' })",
    "const known: import('antom').ProductCodeType = 'CASHIER_PAYMENT'",
    'void known',
    '',
  ].join('\n'))
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['bad.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  assert.throws(() => execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' }), (e) => {
    const out = String(e.stdout)
    assert.match(out, /'paymentRequestIdd' does not exist in type '[^']*PayRequest'/)
    assert.match(out, /'number' is not assignable to type 'ProductCodeType/)
    assert.doesNotMatch(out, /A_PRODUCT_CODE_ANTOM_ADDS_LATER/)
    assert.equal(out.split('\n').filter((l) => l.includes('error TS')).length, 2, out)
    return true
  })
})

test('every shared model sample type-checks against its interface (tsc)', () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const samples = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'models', 'samples.json'), 'utf8')).samples
  const dir = tempDir('antom-ts-')
  const names = Object.keys(samples)
  assert.equal(names.length, 641)
  const lines = ["import type * as m from 'antom'"]
  names.forEach((name, i) => lines.push(`export const s${i}: m.${name} = ${JSON.stringify(samples[name])}`))
  fs.writeFileSync(path.join(dir, 'samples.ts'), lines.join('\n') + '\n')
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['samples.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  const out = execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' })
  assert.equal(out.trim(), '')
})

test('a typed pay through the simulator returns its typed data', async () => {
  const { startSim, clientFor } = require('./helpers.js')
  const sim = await startSim()
  try {
    const client = clientFor(require('..'), sim.info)
    const r = await client.pay({ paymentRequestId: 'ts-typed-1', paymentAmount: { currency: 'USD', value: '1000' }, productCode: 'CASHIER_PAYMENT', paymentMethod: { paymentMethodType: 'ALIPAY_CN' } })
    assert.equal(r.verified, true)
    assert.equal(r.data.paymentAmount.value, '1000')
    assert.ok(r.data.paymentId)
  } finally {
    await sim.stop()
  }
})

test('every typed method against the simulator: its reply type-checks as the response interface (tsc)', async () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const antom = require('..')
  const { startSim, clientFor } = require('./helpers')
  const methods = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'models', 'endpoints.json'), 'utf8')).methods
  assert.equal(methods.length, 167)
  const sim = await startSim()
  const lines = ["import type * as m from 'antom'"]
  try {
    const client = clientFor(antom, sim.info)
    for (const [i, e] of methods.entries()) {
      const r = await client[e.camel](e.body)
      assert.ok(r.verified, e.endpoint)
      if (!e.lifecycle) assert.equal(r.resultStatus, 'S', `${e.endpoint}: ${r.raw}`)
      assert.deepEqual(r.data, JSON.parse(r.raw), e.endpoint)
      // An object literal gets TypeScript's excess-property check: a reply field the interface
      // lacks, or a value of the wrong type, fails tsc.
      lines.push(`export const r${i}: m.${e.response} = ${JSON.stringify(r.data)}`)
    }
  } finally {
    assert.equal(await sim.stop(), 0)
  }
  const dir = tempDir('antom-ts-')
  fs.writeFileSync(path.join(dir, 'replies.ts'), lines.join('\n') + '\n')
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['replies.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  try {
    execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' })
  } catch (e) {
    assert.fail(String(e.stdout))
  }
})

test('a verified notification is typed by its model: narrowed fields check, misspelt ones fail', () => {
  const fs = require('node:fs')
  const dir = tempDir('antom-ts-')
  fs.writeFileSync(path.join(dir, 'hook.ts'), [
    "import { Client } from 'antom'",
    "const c = new Client({ clientId: 'C', privateKey: 'k', antomPublicKey: 'k' })",
    "const n = c.verifyNotification('/n', {}, '{}')",
    "if (n.model === 'PayResultNotify') { const id: string | undefined = n.data.paymentRequestId; const v: string | undefined = n.data.paymentAmount?.value; void id; void v }",
    "if (n.model === 'PayResultNotify') { void n.data.paymentRequestIdd }",
    "if (n.model === 'CaptureResultNotify') { void n.data.refundRequestId }",
    '',
  ].join('\n'))
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(__dirname, '..', 'node_modules', '@types')], baseUrl: path.join(__dirname, '..'), paths: { antom: [path.join(__dirname, '..', 'index.d.ts')] } }, files: ['hook.ts'] }))
  const tsc = path.join(__dirname, '..', 'node_modules', '.bin', 'tsc')
  assert.throws(() => execFileSync(tsc, ['--noEmit', '-p', dir], { encoding: 'utf8' }), (e) => {
    const out = String(e.stdout)
    assert.match(out, /'paymentRequestIdd' does not exist on type 'PayResultNotify'/)
    assert.match(out, /'refundRequestId' does not exist on type 'CaptureResultNotify'/)
    assert.equal(out.split('\n').filter((l) => l.includes('error TS')).length, 2, out)
    return true
  })
})
