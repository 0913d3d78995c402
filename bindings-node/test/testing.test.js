'use strict'
// require('antom/testing') as a merchant's own suite uses it: a node:http webhook written with
// antom.webhooks, a whole pay / notify / refund flow, a fault that leaves the outcome unknown,
// bad controls as AntomError, and a clean stop. No `antom sim` process.
const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const antom = require('..')
const { Simulator } = require('../testing.js')

function order(id, notify) {
  const body = { paymentRequestId: id, productCode: 'CASHIER_PAYMENT', paymentAmount: { currency: 'USD', value: antom.toMinorUnits('USD', '19.99') }, paymentMethod: { paymentMethodType: 'ALIPAY_CN' } }
  if (notify) body.paymentNotifyUrl = notify
  return body
}

async function until(cond, what) {
  for (let i = 0; i < 500; i++) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  assert.fail(what)
}

test('a whole pay / notify / refund flow against the in-process simulator', async () => {
  const sim = new Simulator()
  const got = []
  const server = http.createServer(antom.webhooks.handler(sim.client, (n) => { got.push(n) }))
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  try {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    const url = `http://127.0.0.1:${server.address().port}/antom/notify`
    const pay = await sim.client.pay(order('n-1', url))
    assert.deepEqual([pay.resultStatus, pay.verified], ['U', true])
    const paymentId = pay.data.paymentId
    assert.equal((await sim.payment(paymentId)).paymentStatus, 'PROCESSING')
    // The delivery goes to a server on this same event loop while the control is awaited.
    assert.deepEqual(await sim.complete(paymentId), { paymentId, paymentStatus: 'SUCCESS' })
    await until(() => got.length > 0, 'the notification reached the webhook')
    assert.equal(got[0].model, 'PayResultNotify')
    assert.equal(got[0].data.paymentAmount.value, '1999')
    await until(async () => (await sim.deliveries()).some((d) => d.acked), 'the delivery was acked')
    const refund = await sim.client.refund({ refundRequestId: 'n-1-r', paymentId, refundAmount: { currency: 'USD', value: '500' } })
    assert.ok(refund.resultStatus === 'S' && refund.verified)
    assert.equal((await sim.client.inquiryRefund({ refundRequestId: 'n-1-r' })).data.refundStatus, 'SUCCESS')
    assert.equal((await sim.payment(paymentId)).refunded, '500')
  } finally {
    server.close()
    sim.close()
  }
})

test('a fault leaves the outcome unknown; inquiry settles it; bad controls are AntomErrors', async () => {
  const sim = new Simulator({ audit: true })
  try {
    assert.deepEqual(await sim.armFault('/payments/pay', 9901), { path: '/payments/pay', code: 9901, count: 1 })
    const pay = await sim.client.pay(order('n-2'))
    assert.deepEqual([pay.resultStatus, pay.resultCode], ['U', 'UNKNOWN_EXCEPTION'])
    const inq = await sim.client.inquiryPayment({ paymentRequestId: 'n-2' })
    assert.ok(inq.verified && inq.data.paymentRequestId === 'n-2')
    await sim.armFault('/payments/pay', 9905)
    await assert.rejects(sim.newClient({ maxRetries: 0 }).pay(order('n-3')), (e) => e instanceof antom.AntomError && e.code === 'OUTCOME_UNKNOWN' && e.idempotencyKey === 'n-3')
    await assert.rejects(sim.complete('nope'), (e) => e instanceof antom.AntomError && e.code === 'INVALID_INPUT' && /no such payment/.test(e.message))
    await assert.rejects(sim.armFault('/payments/pay', 1234), (e) => e.code === 'INVALID_INPUT')
    assert.equal((await sim.audit()).audit, true)
  } finally {
    sim.close()
  }
  await assert.rejects(sim.deliveries(), (e) => e.code === 'INVALID_INPUT' && /stopped/.test(e.message))
  assert.throws(() => new Simulator({ timeScale: -1 }), (e) => e instanceof antom.AntomError && e.code === 'INVALID_INPUT')
  assert.throws(() => new Simulator({ nope: 1 }), (e) => e.code === 'INVALID_INPUT' && /nope/.test(e.message))
})
