'use strict'
// Runs tests/hostile.json, the hostile-input table every binding shares: each bad input is an
// AntomError whose `code` is the row's kind (a TypeError for a wrong type), thrown or rejected
// at once, with no key text in its message.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')
const antom = require('..')
const { ROOT, VECTORS } = require('./helpers')

const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'hostile.json'), 'utf8'))
const PEM = fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem'), 'utf8')
const KEY_LINES = PEM.split('\n').filter((l) => l && !l.startsWith('-----'))

function closedPort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
}

// The row's input as JavaScript has it: a string, a Buffer, a number or nested arrays.
function value(spec) {
  if ('text' in spec) return spec.text
  if ('bytes_hex' in spec) return Buffer.from(spec.bytes_hex, 'hex')
  if ('repeat' in spec) return (spec.prefix || '') + spec.repeat.repeat(spec.times) + (spec.suffix || '')
  if ('nested_text' in spec) return '{"x":' + '['.repeat(spec.nested_text) + ']'.repeat(spec.nested_text) + '}'
  if ('nested' in spec) {
    let deep = 'x'
    for (let i = 0; i < spec.nested; i++) deep = [deep]
    return deep
  }
  if ('number' in spec) return spec.number
  if ('file' in spec) return fs.readFileSync(path.join(VECTORS, spec.file), 'utf8')
  if ('test_key_insert' in spec) {
    const mid = Math.floor(PEM.length / 2)
    return PEM.slice(0, mid) + spec.test_key_insert + PEM.slice(mid)
  }
  throw new Error(`unknown input ${JSON.stringify(spec)}`)
}

async function client(extra = {}) {
  return new antom.Client({
    clientId: 'C1',
    privateKey: fs.readFileSync(path.join(VECTORS, 'test_private_merchant_pkcs8.pem')),
    antomPublicKey: fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem')),
    gatewayUrl: `http://127.0.0.1:${await closedPort()}`,
    maxRetries: 0,
    ...extra,
  })
}

async function run(row) {
  const spec = row.input
  const v = value(spec)
  switch (row.op) {
    case 'sign':
      return antom.signRequest(v, 'POST', '/p', 'C1', 't', '{}')
    case 'verify':
      return antom.verifySignature(fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem')), 'POST', '/p', 'C1', 't', '{}', v)
    case 'notify': {
      const body = typeof v === 'string' ? Buffer.from(v) : v
      let headers = {}
      if (row.signed) {
        const sig = antom.signRequest(fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem')), 'POST', '/notify', 'C1', 't', body)
        headers = { 'client-id': 'C1', 'request-time': 't', signature: sig }
      }
      return (await client()).verifyNotification('/notify', headers, body)
    }
    case 'call': {
      let body = v
      if (spec.field) body = { paymentRequestId: 'big', x: v }
      else if ('nested' in spec) body = { paymentRequestId: 'deep', x: v }
      return (await client()).call('payments.pay', body)
    }
    case 'call_header':
      return (await client()).inquiryPayment({ paymentRequestId: 'h' }, { headers: { 'X-Hostile': v } })
    case 'call_timeout':
      return (await client()).inquiryPayment({ paymentRequestId: 't' }, { timeoutMs: v * 1000 })
    case 'client_timeout':
      return client({ timeoutMs: v * 1000 })
    case 'client_antom_key':
      return new antom.Client({ clientId: 'C1', privateKey: fs.readFileSync(path.join(VECTORS, 'test_private_merchant_pkcs8.pem')), antomPublicKey: v })
    default:
      throw new Error(`unknown op ${row.op}`)
  }
}

for (const row of table.rows) {
  test(`hostile: ${row.id}`, async () => {
    let err
    try {
      await run(row)
    } catch (e) {
      err = e
    }
    assert.ok(err, `${row.id}: accepted`)
    if (row.kind === 'TYPE') {
      assert.ok(err instanceof TypeError, `${row.id}: ${err && err.constructor.name}: ${err && err.message}`)
    } else {
      assert.ok(err instanceof antom.AntomError, `${row.id}: ${err.constructor.name}: ${err.message}`)
      assert.equal(err.code, row.kind, `${row.id}: ${err.message}`)
    }
    if (row.message) assert.ok(err.message.includes(row.message), `${row.id}: ${err.message}`)
    const shown = `${err.message} ${err.stack} ${JSON.stringify(err)}`
    assert.ok(shown.length < 4000, `${row.id}: the message repeats the input`)
    for (const line of KEY_LINES) assert.ok(!shown.includes(line), `${row.id}: key text in the error`)
  })
}
