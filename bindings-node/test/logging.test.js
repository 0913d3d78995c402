'use strict'
// antom.onAttempt: one event per attempt of every client (camelCase), with nothing secret in it,
// against the in-process simulator; a throwing listener never affects the call.
const test = require('node:test')
const assert = require('node:assert/strict')
const antom = require('..')
const { Simulator } = require('../testing.js')

const card = '4111111111111111'

test('one event per attempt, nothing secret, and null stops', async () => {
  const sim = new Simulator()
  const events = []
  antom.onAttempt((e) => events.push(e))
  try {
    await sim.armFault('/payments/pay', 9905) // HTTP 500 once, then the retry succeeds
    const r = await sim.client.pay({ paymentRequestId: 'log-n-1', productCode: 'CASHIER_PAYMENT', paymentAmount: { currency: 'USD', value: '1000' },
      paymentMethod: { paymentMethodType: 'CARD', paymentMethodMetaData: { cardNo: card, cvv: '123' } } })
    assert.equal(r.attempts, 2)
    // The listener runs on the event loop after each attempt: let the queue drain.
    for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((res) => setTimeout(res, 10))
    assert.equal(events.length, 2)
    const [first, second] = events
    assert.deepEqual([first.method, first.path, first.attempt, first.httpStatus, first.willRetry], ['POST', '/ams/sandbox/api/v1/payments/pay', 1, 500, true])
    assert.deepEqual([second.attempt, second.httpStatus, second.resultStatus, second.resultCode, second.verified, second.idempotencyKey],
      [2, 200, 'U', 'PAYMENT_IN_PROCESS', true, 'log-n-1'])
    assert.equal(typeof second.latencyMs, 'number')
    const key = require('node:fs').readFileSync(sim.info.merchant_private_key_file, 'utf8').split('\n')[1]
    for (const e of events) {
      const text = JSON.stringify(e)
      for (const secret of [card, 'cvv', key, 'PRIVATE KEY', 'signature=', 'paymentMethod']) assert.ok(!text.includes(secret), secret)
    }
    antom.onAttempt(() => { throw new Error('listener broke') })
    const warned = new Promise((res) => process.once('warning', res))
    const again = await sim.client.inquiryPayment({ paymentRequestId: 'log-n-1' })
    assert.ok(again.verified)
    assert.match((await warned).message, /listener broke/)
    antom.onAttempt(null)
    const before = events.length
    await sim.client.inquiryPayment({ paymentRequestId: 'log-n-1' })
    await new Promise((res) => setTimeout(res, 50))
    assert.equal(events.length, before)
    assert.throws(() => antom.onAttempt('no'), TypeError)
  } finally {
    antom.onAttempt(null)
    sim.close()
  }
})
