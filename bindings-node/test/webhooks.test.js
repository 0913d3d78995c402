'use strict'
// The framework handlers (webhooks.js) under real servers: node:http, Express and Fastify, each
// played by `antom check webhook` (genuine deliveries acked, forgeries refused), a throwing
// handler answered with no ack, and the merchant's handler called only for verified ones.
const test = require('node:test')
const assert = require('node:assert/strict')
const { execFile } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const path = require('node:path')
const express = require('express')
const Fastify = require('fastify')
const antom = require('..')
const { startSim, clientFor } = require('./helpers')

const { webhooks } = antom
const { ACKED, FAILED, MALFORMED } = webhooks.WEBHOOK_REPLIES
const ANTOM = process.env.ANTOM_BIN || path.join(__dirname, '..', '..', 'target', 'debug', 'antom')
const ROUTE = '/antom/notify'
// What `antom check webhook` sends that is genuine: one of each family, a redelivery and an
// unknown kind; its four forgeries must never reach the handler.
const GENUINE = 8

let sim
let client
let antomKey
test.before(async () => {
  sim = await startSim()
  client = clientFor(antom, sim.info)
  // The simulator's state dir holds the key Antom signs with, beside the merchant's.
  antomKey = path.join(path.dirname(sim.info.merchant_private_key_file), 'antom_private_key.pem')
})
test.after(async () => {
  assert.equal(await sim.stop(), 0)
})

// Async: the servers answer from this same process while the check runs.
function check(url) {
  return new Promise((resolve) => {
    execFile(ANTOM, ['check', 'webhook', url, '--antom-private-key', antomKey, '--client-id', sim.info.client_id],
      { timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, out: stdout + stderr }))
  })
}

// One genuine delivery, signed as Antom signs it, posted to the webhook.
async function deliver(url, body = '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"direct-1","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}') {
  const t = new Date().toISOString()
  const signature = antom.signRequest(fs.readFileSync(antomKey, 'utf8'), 'POST', new URL(url).pathname, sim.info.client_id, t, body)
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'client-id': sim.info.client_id, 'request-time': t, signature }, body })
  return { status: r.status, contentType: r.headers.get('content-type'), text: await r.text() }
}

// A merchant handler that records what it was given (and fails when asked to).
function recorder(fail) {
  const calls = []
  const errors = []
  const onNotification = async (n) => {
    calls.push(n)
    if (fail) throw new Error('the order database is down')
  }
  return { calls, errors, onNotification, opts: { onError: (e, reply) => errors.push({ message: e.message, reply }) } }
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}${ROUTE}`)))
}

const SERVERS = {
  async http(rec) {
    const server = http.createServer(webhooks.handler(client, rec.onNotification, rec.opts))
    return { url: await listen(server), close: () => server.close() }
  },
  async express(rec) {
    const app = express()
    app.post(ROUTE, webhooks.express(client, rec.onNotification, rec.opts))
    // The app's other routes parse JSON; mounted after the webhook, they never touch its body.
    app.use(express.json())
    const server = http.createServer(app)
    return { url: await listen(server), close: () => server.close() }
  },
  async 'express.raw'(rec) {
    const app = express()
    app.use(express.raw({ type: '*/*' }))
    app.post(ROUTE, webhooks.express(client, rec.onNotification, rec.opts))
    const server = http.createServer(app)
    return { url: await listen(server), close: () => server.close() }
  },
  async fastify(rec) {
    const app = Fastify()
    app.register(webhooks.fastify(client, rec.onNotification, { path: ROUTE, ...rec.opts }))
    // The app's JSON route, outside the plugin's context, still gets parsed JSON.
    app.post('/echo', async (req) => ({ got: req.body }))
    await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: `http://127.0.0.1:${app.server.address().port}${ROUTE}`, close: () => app.close(), app }
  },
}

for (const [name, start] of Object.entries(SERVERS)) {
  test(`${name}: antom check webhook passes, and only verified notifications reach the handler`, async () => {
    const rec = recorder(false)
    const server = await start(rec)
    try {
      const { code, out } = await check(server.url)
      assert.equal(code, 0, out)
      assert.equal(rec.calls.length, GENUINE, out)
      const first = rec.calls[0]
      assert.equal(first.model, 'PayResultNotify')
      assert.equal(first.data.paymentRequestId, 'check-pay-1')
      assert.equal(first.data.paymentAmount.value, '1000')
      assert.ok(rec.calls.every((n) => typeof n.model === 'string' && n.data && n.clientId === sim.info.client_id))
      // Each forgery was refused with the table's reply and reported, never acted on.
      assert.equal(rec.errors.length, 4, JSON.stringify(rec.errors))
      assert.ok(rec.errors.every((e) => e.reply.status !== 200 && e.reply !== ACKED))

      const direct = await deliver(server.url)
      assert.deepEqual([direct.status, direct.text], [ACKED.status, ACKED.body])
      assert.equal(direct.contentType.split(';')[0], ACKED.contentType)
      if (server.app) {
        const echo = await server.app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } })
        assert.deepEqual(echo.json(), { got: { a: 1 } })
      }
    } finally {
      await server.close()
    }
  })

  test(`${name}: a handler that throws gets 500 and no ack, so Antom redelivers`, async () => {
    const rec = recorder(true)
    const server = await start(rec)
    try {
      const direct = await deliver(server.url)
      assert.deepEqual([direct.status, direct.text], [FAILED.status, FAILED.body])
      assert.notEqual(direct.text, antom.NOTIFICATION_ACK)
      assert.equal(rec.calls.length, 1)
      assert.match(rec.errors[0].message, /handler threw/)
      const { code, out } = await check(server.url)
      assert.notEqual(code, 0, out)
    } finally {
      await server.close()
    }
  })
}

test('express: a JSON body parser mounted first is never guessed around: FAILED and a clear message', async () => {
  const rec = recorder(false)
  const app = express()
  app.use(express.json())
  app.post(ROUTE, webhooks.express(client, rec.onNotification, rec.opts))
  const server = http.createServer(app)
  const url = await listen(server)
  try {
    const r = await deliver(url)
    assert.deepEqual([r.status, r.text], [FAILED.status, FAILED.body])
    assert.equal(rec.calls.length, 0)
    assert.match(rec.errors[0].message, /before express\.json\(\).*express\.raw/)
    // Without onError, the same message is a process warning.
    const warned = new Promise((resolve) => process.once('warning', resolve))
    app.post('/plain', webhooks.express(client, rec.onNotification))
    await deliver(url.replace(ROUTE, '/plain'))
    const w = await warned
    assert.equal(w.name, 'AntomWebhookWarning')
    assert.match(w.message, /express\.raw/)
    const { code } = await check(url)
    assert.notEqual(code, 0)
    assert.equal(rec.calls.length, 0)
  } finally {
    server.close()
  }
})

test('an oversize body is refused as MALFORMED without being read whole', async () => {
  const rec = recorder(false)
  const big = 'x'.repeat(webhooks.MAX_NOTIFICATION_BYTES + 10)
  for (const start of [SERVERS.http, SERVERS.fastify]) {
    const server = await start(rec)
    try {
      const r = await deliver(server.url, big)
      assert.deepEqual([r.status, r.text], [MALFORMED.status, MALFORMED.body])
    } finally {
      await server.close()
    }
  }
  assert.equal(rec.calls.length, 0)
})

test('answer: a sync or async handler, each verified first with the real client', async () => {
  const quiet = { onError: () => {} }
  const forged = await webhooks.answer(client, ROUTE, {}, Buffer.from('{}'), () => assert.fail('called'), quiet)
  assert.equal(forged, webhooks.WEBHOOK_REPLY_FOR_CODE.INVALID_HEADER)
  const body = '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"answer-1","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'
  const t = new Date().toISOString()
  const signature = antom.signRequest(fs.readFileSync(antomKey, 'utf8'), 'POST', ROUTE, sim.info.client_id, t, body)
  const headers = { 'client-id': sim.info.client_id, 'request-time': t, signature }
  const seen = []
  assert.equal(await webhooks.answer(client, ROUTE, headers, body, (n) => { seen.push(n.data.paymentRequestId) }), ACKED)
  assert.equal(await webhooks.answer(client, ROUTE, headers, Buffer.from(body), async () => Promise.reject(new Error('x')), quiet), FAILED)
  // The same bytes under another path do not verify: the signature covers the path.
  assert.equal((await webhooks.answer(client, '/elsewhere', headers, body, () => assert.fail('called'), quiet)).status, 401)
  assert.deepEqual(seen, ['answer-1'])
  assert.throws(() => webhooks.handler(client, null), TypeError)
  assert.throws(() => webhooks.handler({}, () => {}), TypeError)
  assert.throws(() => webhooks.fastify(client, () => {}), TypeError)
})
