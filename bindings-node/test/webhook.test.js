'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const antom = require('..')
const { startSim, clientFor, payBody, simPost } = require('./helpers')

function webhook(client, failFirst = 0) {
  const got = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      let n
      try {
        n = client.verifyNotification(req.url, req.headers, Buffer.concat(chunks))
      } catch (e) {
        got.push(e)
        res.writeHead(401).end('bad signature')
        return
      }
      got.push(n)
      if (got.filter((g) => !(g instanceof Error)).length <= failFirst) {
        res.writeHead(500).end('busy')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(antom.NOTIFICATION_ACK)
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, got, url: `http://127.0.0.1:${server.address().port}/antom/notify?shop=1` })))
}

async function waitFor(got, n) {
  for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 20))
  return got
}

test('a node:http webhook verifies, acks, and sees redeliveries', async () => {
  const sim = await startSim()
  try {
    const client = clientFor(antom, sim.info)
    const hook = await webhook(client, 2)
    const pay = await client.pay(payBody('hook-1', '1000', hook.url))
    await simPost(sim.info, `/sim/payments/${pay.data.paymentId}/complete`)
    await waitFor(hook.got, 3)
    await new Promise((r) => setTimeout(r, 200))
    hook.server.close()
    assert.equal(hook.got.length, 3)
    for (const n of hook.got) {
      assert.equal(n.kind, 'PAYMENT_RESULT')
      assert.equal(n.resultStatus, 'S')
      assert.equal(n.data.paymentRequestId, 'hook-1')
    }
    const log = await (await fetch(`${sim.info.url}/sim/notifications`)).json()
    assert.deepEqual(log.deliveries.map((d) => d.acked), [false, false, true])

    const bad = await webhook(client)
    const p2 = await client.pay(payBody('hook-2', '9907', bad.url))
    await simPost(sim.info, `/sim/payments/${p2.data.paymentId}/complete`)
    await waitFor(bad.got, 1)
    bad.server.close()
    assert.ok(bad.got[0] instanceof antom.AntomError)
    assert.equal(bad.got[0].code, 'SIGNATURE_MISMATCH')
  } finally {
    assert.equal(await sim.stop(), 0)
  }
})

test('a message signed for another path is refused whatever the request target says', async () => {
  const fs = require('node:fs')
  const path = require('node:path')
  const { VECTORS } = require('./helpers')
  const key = fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem'), 'utf8')
  const client = new antom.Client({ clientId: 'M1', privateKey: fs.readFileSync(path.join(VECTORS, 'test_private_merchant_pkcs8.pem')), antomPublicKey: fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem')) })
  const apiPath = '/ams/api/v1/payments/inquiryPayment'
  const body = '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1"}'
  const t = '2024-01-01T00:00:00Z'
  const headers = { 'client-id': 'M1', 'request-time': t, signature: antom.signRequest(key, 'POST', apiPath, 'M1', t, body) }
  const hostile = [
    `/antom/notify?next=https://x${apiPath}`,
    `/antom/notify#https://x${apiPath}`,
    `//x${apiPath}`,
    `https://shop.example/antom/notify?u=https://x${apiPath}`,
    '/ams%2Fapi%2Fv1%2Fpayments%2FinquiryPayment',
    `?${apiPath}`,
  ]
  for (const target of hostile) {
    assert.throws(() => client.verifyNotification(target, headers, body), (e) => ['SIGNATURE_MISMATCH', 'INVALID_INPUT'].includes(e.code), target)
    await assert.rejects(client.verifyNotificationAsync(target, headers, body), (e) => ['SIGNATURE_MISMATCH', 'INVALID_INPUT'].includes(e.code), target)
  }
  assert.equal(client.verifyNotification(apiPath, headers, body).kind, 'PAYMENT_RESULT')
  assert.equal((await client.verifyNotificationAsync(apiPath, headers, Buffer.from(body))).kind, 'PAYMENT_RESULT')
})

test('missed webhooks are recovered as the same notifications', async () => {
  const sim = await startSim()
  try {
    const client = clientFor(antom, sim.info)
    // Nothing listens on this port: every delivery attempt fails.
    const closed = http.createServer()
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = closed.address().port
    await new Promise((resolve) => closed.close(resolve))
    const pay = await client.pay(payBody('node-rec-1', '1000', `http://127.0.0.1:${port}/hooks/antom`))
    await simPost(sim.info, `/sim/payments/${pay.data.paymentId}/complete`)
    const found = await client.recoverNotifications('2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z')
    assert.equal(found.length, 1)
    assert.deepEqual([found[0].kind, found[0].model, found[0].data.paymentRequestId], ['PAYMENT_RESULT', 'PayResultNotify', 'node-rec-1'])
    assert.deepEqual(JSON.parse(found[0].raw), found[0].data)
    assert.deepEqual(await client.recoverNotifications('1999-01-01T00:00:00Z', '1999-12-31T00:00:00Z'), [])
  } finally {
    assert.equal(await sim.stop(), 0)
  }
})

test('every notification family parses, typed by its model; a field of the other form is kept as received', () => {
  const fs = require('node:fs')
  const path = require('node:path')
  const { VECTORS } = require('./helpers')
  const key = fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem'), 'utf8')
  const client = new antom.Client({ clientId: 'M1', privateKey: fs.readFileSync(path.join(VECTORS, 'test_private_merchant_pkcs8.pem')), antomPublicKey: fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem')) })
  const t = '2024-01-01T00:00:00Z'
  const verify = (body) => client.verifyNotification('/n', { 'client-id': 'M1', 'request-time': t, signature: antom.signRequest(key, 'POST', '/n', 'M1', t, body) }, body)
  const families = [
    ['{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1","paymentId":"p1","paymentAmount":{"currency":"USD","value":"1000"}}', 'PayResultNotify'],
    ['{"notifyType":"CAPTURE_RESULT","captureRequestId":"c1","captureAmount":{"currency":"USD","value":"1"}}', 'CaptureResultNotify'],
    ['{"notifyType":"REFUND_RESULT","refundRequestId":"r1","refundStatus":"SUCCESS"}', 'RefundNotify'],
    ['{"authorizationNotifyType":"AUTHCODE_CREATED","authCode":"a1"}', 'AuthNotify'],
    ['{"disputeNotificationType":"DISPUTE_CREATED","disputeId":"d1"}', 'DisputeNotify'],
    ['{"notifyType":"VAULTING_RESULT","vaultingRequestId":"v1"}', 'VaultingNotify'],
    ['{"paymentId":"p1"}', 'BaseNotify'],
  ]
  for (const [body, model] of families) {
    const n = verify(body)
    assert.equal(n.model, model, body)
    assert.deepEqual(n.data, JSON.parse(body))
  }
  const paid = verify('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1","paymentAmount":"1000"}')
  assert.equal(paid.model, 'PayResultNotify')
  if (paid.model === 'PayResultNotify') {
    assert.equal(paid.data.paymentRequestId, 'o1')
    assert.equal(paid.data.paymentAmount, '1000', 'kept as received')
  }
})
