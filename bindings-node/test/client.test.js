'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const antom = require('..')
const { tempDir, startSim, clientFor, payBody, simPost } = require('./helpers')

let sim
test.before(async () => { sim = await startSim() })
test.after(async () => { assert.equal(await sim.stop(), 0) })

test('the whole flow', async () => {
  const client = clientFor(antom, sim.info)
  const pay = await client.pay(payBody('node-1'))
  assert.deepEqual([pay.resultStatus, pay.resultCode, pay.verified, pay.attempts], ['U', 'PAYMENT_IN_PROCESS', true, 1])
  assert.equal(pay.idempotencyKey, 'node-1')
  assert.equal(JSON.parse(pay.raw).paymentId, pay.data.paymentId)
  const done = await simPost(sim.info, `/sim/payments/${pay.data.paymentId}/complete`)
  assert.equal(done.paymentStatus, 'SUCCESS')
  const final = await client.inquirePaymentUntilFinal('node-1', 5000)
  assert.equal(final.data.paymentStatus, 'SUCCESS')
  const refund = await client.refund({ refundRequestId: 'node-1-r', paymentId: pay.data.paymentId, refundAmount: { currency: 'USD', value: '250' } })
  assert.ok(refund.verified && refund.resultStatus === 'S')
  const inq = await client.inquiryRefund({ refundRequestId: 'node-1-r' })
  assert.equal(inq.data.refundStatus, 'SUCCESS')
  const again = await client.call('payments.pay', JSON.stringify(payBody('node-1')))
  assert.equal(again.data.paymentId, pay.data.paymentId)
  const inconsistent = await client.pay(Buffer.from(JSON.stringify(payBody('node-1', '999'))))
  assert.equal(inconsistent.resultCode, 'REPEAT_REQ_INCONSISTENT')
})

test('every fault code maps to the right outcome', async () => {
  const client = clientFor(antom, sim.info)
  const u = await client.pay(payBody('nf-1', '9901'))
  assert.deepEqual([u.resultStatus, u.resultCode], ['U', 'UNKNOWN_EXCEPTION'])
  assert.equal((await client.inquirePaymentUntilFinal('nf-1', 5000)).data.paymentStatus, 'SUCCESS')

  const slow = clientFor(antom, sim.info, { timeoutMs: 400, maxRetries: 0 })
  await assert.rejects(slow.pay(payBody('nf-2', '9902')), (e) => e instanceof antom.AntomError && e.code === 'OUTCOME_UNKNOWN' && e.idempotencyKey === 'nf-2')
  await assert.rejects(client.pay(payBody('nf-3', '9903')), (e) => e.code === 'SIGNATURE_MISMATCH' && e.raw.includes('nf-3'))
  await assert.rejects(client.pay(payBody('nf-4', '9904')), (e) => e.code === 'UNSIGNED_RESPONSE')
  const retried = await client.pay(payBody('nf-5', '9905'))
  assert.equal(retried.attempts, 2)
  const noRetry = clientFor(antom, sim.info, { maxRetries: 0 })
  // A final 500 on a pay may hide a payment: OUTCOME_UNKNOWN, status and history kept.
  await assert.rejects(noRetry.pay(payBody('nf-5b', '9905')), (e) => e.code === 'OUTCOME_UNKNOWN' && e.outcomeUnknown && e.httpStatus === 500 &&
    e.idempotencyKey === 'nf-5b' && e.attemptHistory.length === 1 && e.attemptHistory[0] === 'attempt 1: HTTP 500')
  // A signature error on a pay keeps its code and says the outcome is unknown.
  await assert.rejects(client.pay(payBody('nf-3b', '9903')), (e) => e.code === 'SIGNATURE_MISMATCH' && e.outcomeUnknown === true)
  // On an inquiry nothing can have happened.
  await simPost(sim.info, '/sim/faults', { path: 'payments/inquiryPayment', code: 9905 })
  await assert.rejects(noRetry.inquiryPayment({ paymentRequestId: 'nf-5b' }), (e) => e.code === 'HTTP_STATUS' && e.outcomeUnknown === false)
  const f = await client.pay(payBody('nf-6', '9906'))
  assert.deepEqual([f.resultStatus, f.resultCode, f.verified], ['F', 'USER_BALANCE_NOT_ENOUGH', true])
  assert.deepEqual([f.isSuccess, f.isFailure, f.isUnknown], [false, true, false])
  assert.deepEqual([u.isSuccess, u.isFailure, u.isUnknown], [false, false, true])
})

test('a timer keeps ticking while a slow call is in flight', async () => {
  const client = clientFor(antom, sim.info, { timeoutMs: 800, maxRetries: 0 })
  let ticks = 0
  const timer = setInterval(() => { ticks += 1 }, 10)
  await assert.rejects(client.pay(payBody('loop-1', '9902')), (e) => e.code === 'OUTCOME_UNKNOWN')
  clearInterval(timer)
  assert.ok(ticks > 30, `the event loop was blocked (${ticks} ticks)`)
})

test('many concurrent calls on one client', async () => {
  const client = clientFor(antom, sim.info)
  const all = await Promise.all(Array.from({ length: 50 }, (_, i) => client.pay(payBody(`conc-${i}`))))
  assert.ok(all.every((r) => r.verified && r.resultCode === 'PAYMENT_IN_PROCESS'))
  assert.equal(new Set(all.map((r) => r.data.paymentId)).size, 50)
})

test('bad inputs are typed errors, never crashes', async () => {
  const client = clientFor(antom, sim.info)
  await assert.rejects(client.call('payments.pay', 'not json'), (e) => e.code === 'INVALID_INPUT')
  await assert.rejects(client.call('payments.pay', Buffer.alloc(2 * 1024 * 1024, 32)), (e) => e.code === 'INVALID_INPUT' && e.message.includes('limit'))
  await assert.rejects(client.call('nope', {}), (e) => e.code === 'INVALID_INPUT')
  await assert.rejects(client.call('payments.pay', 42), TypeError)
  await assert.rejects(client.pay([1, 2]), TypeError)
  assert.throws(() => clientFor(antom, sim.info, { gatewayUrl: 'http://example.com' }), (e) => e.code === 'INVALID_INPUT' && e.message.includes('loopback'))
  assert.throws(() => new antom.Client({ clientId: 'c', privateKey: 'garbage', antomPublicKey: 'x' }), (e) => e.code === 'INVALID_KEY')
  const net = require('node:net')
  const port = await new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)) }) })
  // Enormous timeouts are typed errors (now + timeout used to overflow the clock).
  assert.throws(() => clientFor(antom, sim.info, { timeoutMs: 2 ** 32 - 1 }), (e) => e.code === 'INVALID_INPUT')
  await assert.rejects(client.inquirePaymentUntilFinal('x', 2 ** 32 - 1), (e) => e.code === 'INVALID_INPUT')
  const dead = clientFor(antom, sim.info, { gatewayUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })
  await assert.rejects(dead.inquiryPayment({ paymentRequestId: 'x' }), (e) => e.code === 'TRANSPORT')
})

async function simRequests(info) {
  const r = await fetch(`${info.url}/sim/requests`)
  return (await r.json()).requests
}

test('request options apply to one call', async () => {
  const client = clientFor(antom, sim.info)
  const r = await client.pay(payBody('node-ro-1'), { headers: { 'X-Trace-Id': 'node-1' }, timeoutMs: 5000, maxRetries: 1 })
  assert.ok(r.verified)
  let last = (await simRequests(sim.info)).at(-1)
  assert.ok(last.path.endsWith('/payments/pay'))
  assert.equal(last.headers['x-trace-id'], 'node-1')
  await client.inquiryPayment({ paymentRequestId: 'node-ro-1' })
  last = (await simRequests(sim.info)).at(-1)
  assert.equal(last.headers['x-trace-id'], undefined)
  const started = Date.now()
  await assert.rejects(client.pay(payBody('node-ro-2', '9902'), { timeoutMs: 300, maxRetries: 0 }), (e) => e.code === 'OUTCOME_UNKNOWN' && e.idempotencyKey === 'node-ro-2')
  assert.ok(Date.now() - started < 1400)
  assert.ok((await client.call('payments.inquiryPayment', { paymentRequestId: 'node-ro-1' }, { headers: { 'X-B': '2' } })).verified)
  assert.equal((await simRequests(sim.info)).at(-1).headers['x-b'], '2')
})

test('bad request options are typed errors or TypeErrors', async () => {
  const client = clientFor(antom, sim.info)
  const body = { paymentRequestId: 'node-ro-1' }
  for (const [bad, says] of [
    [{ headers: { Signature: 'forged' } }, /signature header is set by the SDK/],
    [{ headers: { 'Client-Id': 'other' } }, /client-id header is set by the SDK/],
    [{ headers: { 'X-A': 'a\r\nInjected: 1' } }, /x-a header value/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number/],
    [{ timeoutMs: 0 }, /timeout must be a number of seconds greater than 0/],
  ]) {
    await assert.rejects(client.inquiryPayment(body, bad), (e) => e.code === 'INVALID_INPUT' && says.test(e.message))
  }
  await assert.rejects(client.inquiryPayment(body, { retries: 1 }), (e) => e instanceof TypeError && /unknown call option 'retries'/.test(e.message))
  await assert.rejects(client.inquiryPayment(body, 'fast'), TypeError)
})

test('product images upload from a Buffer or a path', async () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const path = require('node:path')
  const crypto = require('node:crypto')
  const client = clientFor(antom, sim.info, { uploadUrl: sim.info.url })
  const image = Buffer.alloc(100000, 7)
  const r = await client.uploadProductImage('prod-1', image, 'tea.png')
  assert.ok(r.verified && r.resultStatus === 'S')
  assert.equal(r.data.fileSha256, crypto.createHash('sha256').update(image).digest('hex'))
  const last = (await simRequests(sim.info)).at(-1)
  assert.ok(last.headers['content-type'].startsWith('multipart/form-data; boundary=') && last.bodyBytes > 2 * image.length)
  const dir = tempDir('antom-img-')
  fs.writeFileSync(path.join(dir, 'cup.png'), image)
  assert.equal((await client.uploadProductImageFile('prod-1', path.join(dir, 'cup.png'))).data.fileSha256, r.data.fileSha256)
  await assert.rejects(client.uploadProductImage('prod-1', Buffer.alloc(2 * 1024 * 1024 + 1)), (e) => e.code === 'INVALID_INPUT' && /2 MiB/.test(e.message))
  await assert.rejects(client.uploadProductImage('prod-1', 42), TypeError)
  await assert.rejects(clientFor(antom, sim.info).uploadProductImage('prod-1', image), (e) => e.code === 'INVALID_INPUT' && /set upload_url/.test(e.message))
})

test('usage events go over HTTP/2, unsigned, in a session', async () => {
  const client = clientFor(antom, sim.info)
  const session = await client.meterCreateSession({ requestId: 'node-meter-1' })
  assert.ok(session.verified && session.data.sessionId)
  const batch = { meters: [{ eventName: 'api_calls', events: [{ eventTimestamp: 1700000000000, idempotencyKey: 'node-ev-1' }] }] }
  const r = await client.uploadMeterEvents(session.data.sessionId, batch)
  assert.deepEqual([r.resultStatus, r.verified, r.attempts], ['S', false, 1])
  const last = (await simRequests(sim.info)).at(-1)
  assert.equal(last.httpVersion, 'HTTP/2.0')
  assert.equal(last.headers['x-session-id'], session.data.sessionId)
  assert.equal(last.headers.signature, undefined)
  assert.equal((await client.uploadMeterEvents('SIMSESSION-forged', batch)).resultCode, 'SESSION_INVALID')
  await assert.rejects(client.uploadMeterEvents('s\r\nX-Injected: 1', batch), (e) => e.code === 'INVALID_INPUT')
})
