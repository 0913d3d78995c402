'use strict'
// The merchant app every server test runs, in Node under `cluster`: the primary forks the
// workers; each builds its client and serves /pay, /notify and /health (see wsgi_app.py).
const cluster = require('node:cluster')
const fs = require('node:fs')
const http = require('node:http')
const antom = require(process.env.ANTOM_NODE || '../../bindings-node')

const workers = Number(process.env.WORKERS || 4)
if (cluster.isPrimary) {
  // Stopping the primary stops its workers: none is left behind holding the port. Each worker
  // gets the signal itself and the primary exits when the last one is gone; `cluster.disconnect`
  // raced with workers already gone (an IPC error on a closed channel made the primary exit 1).
  let stopping = false
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers).length === 0) process.exit(0)
    } else {
      console.error(`worker ${w.process.pid} exited ${code ?? signal}`)
    }
  })
  process.on('SIGTERM', () => {
    stopping = true
    const alive = Object.values(cluster.workers)
    if (alive.length === 0) process.exit(0)
    for (const w of alive) w.process.kill('SIGTERM')
  })
} else {
  const info = JSON.parse(process.env.ANTOM_SIM_INFO)
  const client = new antom.Client({ clientId: info.client_id, privateKey: fs.readFileSync(info.merchant_private_key_file), antomPublicKey: fs.readFileSync(info.antom_public_key_file), gatewayUrl: info.url })
  const send = (res, status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(body) }
  http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      if (req.url === '/health') return send(res, 200, 'ok')
      if (req.url === '/pay') {
        const order = JSON.parse(body)
        try {
          const r = await client.pay({ paymentRequestId: order.id, paymentAmount: { currency: 'USD', value: order.amount }, productCode: 'CASHIER_PAYMENT', paymentMethod: { paymentMethodType: 'ALIPAY_CN' }, paymentNotifyUrl: order.notify })
          return send(res, 200, JSON.stringify({ status: r.resultStatus, code: r.resultCode, paymentId: r.data.paymentId, pid: process.pid }))
        } catch (e) {
          return send(res, 200, JSON.stringify({ error: e.code, outcomeUnknown: e.outcomeUnknown, pid: process.pid }))
        }
      }
      if (req.url.startsWith('/notify')) {
        try {
          const n = await client.verifyNotificationAsync(req.url, req.headers, body)
          fs.appendFileSync(process.env.APP_LOG, JSON.stringify({ pid: process.pid, type: n.kind, id: n.data.paymentRequestId, status: (n.data.result || {}).resultStatus }) + '\n')
          return send(res, 200, antom.NOTIFICATION_ACK)
        } catch (e) {
          return send(res, 401, JSON.stringify({ refused: e.code }))
        }
      }
      send(res, 404, '{}')
    })
  }).listen(Number(process.env.PORT), '127.0.0.1')
}
