'use strict'
// Runs tests/errors.json, the error table every binding shares: each row's error must surface as
// an AntomError whose `code` is its kind, with its fields.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')
const antom = require('..')
const { ROOT, VECTORS, startSim, clientFor, payBody, simPost } = require('./helpers')

const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'errors.json'), 'utf8'))

function closedPort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
}

async function trigger(c, info, n) {
  switch (c.trigger) {
    case 'sign_bad_key':
      return antom.signRequest('garbage', 'POST', '/p', 'C1', '1', '{}')
    case 'verify_bad_header':
      return antom.verifySignature(fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem')), 'POST', '/p', 'C1', '1', '{}', 'algorithm=RSA512,signature=abc')
    case 'call_unknown_endpoint':
      return clientFor(antom, info).call('no.such.endpoint', {})
    case 'inquiry_closed_port':
      return clientFor(antom, info, { gatewayUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 }).inquiryPayment({ paymentRequestId: 'x' })
    case 'inquiry_fault': {
      await simPost(info, '/sim/faults', { path: 'payments/inquiryPayment', code: c.fault })
      const extra = c.timeout_ms ? { timeoutMs: c.timeout_ms } : {}
      return clientFor(antom, info, { maxRetries: 0, ...extra }).inquiryPayment({ paymentRequestId: 'x' })
    }
    case 'pay_fault':
      return clientFor(antom, info, { maxRetries: 0 }).pay(payBody(`et-node-${n}`, String(c.fault)))
    default:
      throw new Error(`unknown trigger ${c.trigger}`)
  }
}

test('every row of the shared error table', async (t) => {
  const sim = await startSim()
  try {
    for (const [n, c] of table.cases.entries()) {
      await t.test(c.kind, async () => {
        let err
        try {
          await trigger(c, sim.info, n)
        } catch (e) {
          err = e
        }
        assert.ok(err, `${c.kind}: nothing was thrown`)
        assert.equal(err.constructor.name, table.classes.node[table.families[c.kind]])
        assert.ok(err instanceof antom.AntomError)
        assert.equal(err.code, c.kind)
        assert.equal(err.outcomeUnknown, c.outcome_unknown)
        if (c.http_status !== undefined) assert.equal(err.httpStatus, c.http_status)
        if (c.idempotency_key) assert.equal(err.idempotencyKey, `et-node-${n}`)
      })
    }
  } finally {
    await sim.stop()
  }
})
