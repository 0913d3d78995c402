// The demo payment flow in Node.js against the simulator, one line per step.
// Usage: node examples/demo.js '<the JSON line printed by antom sim>'
// Checked by TypeScript in editors (@ts-check): the request bodies are the typed models.
// @ts-check
'use strict'
const fs = require('node:fs')
const http = require('node:http')
const antom = require('..')

async function main() {
  const info = JSON.parse(process.argv[2])
  const client = new antom.Client({
    clientId: info.client_id,
    privateKey: fs.readFileSync(info.merchant_private_key_file),
    antomPublicKey: fs.readFileSync(info.antom_public_key_file),
    gatewayUrl: info.url,
  })
  const inbox = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      try {
        // Verify the raw bytes first; only then act and ack.
        inbox.push(client.verifyNotification(req.url, req.headers, Buffer.concat(chunks)))
        res.writeHead(200, { 'content-type': 'application/json' }).end(antom.NOTIFICATION_ACK)
      } catch (e) {
        res.writeHead(401).end('invalid signature')
      }
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const hook = `http://127.0.0.1:${server.address().port}/antom/notify`
  const next = async () => {
    for (let i = 0; i < 500 && inbox.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    if (!inbox.length) throw new Error('no notification arrived')
    return inbox.shift()
  }
  const order = `node-demo-${process.pid}`
  console.log(`demo merchant ${info.client_id} on ${info.url} (webhook ${hook})`)
  /** @type {import('antom').PayRequest} */
  const request = {
    paymentRequestId: order,
    paymentAmount: { currency: 'USD', value: '1000' },
    productCode: 'CASHIER_PAYMENT',
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    paymentNotifyUrl: hook,
  }
  const pay = await client.pay(request)
  const paymentId = pay.data.paymentId
  console.log(`[1] pay ${order}: ${pay.resultStatus} ${pay.resultCode} (verified=${pay.verified}) paymentId=${paymentId}`)
  console.log(`[2] checkout URL for the buyer: ${pay.data.normalUrl}`)
  const done = await (await fetch(`${info.url}/sim/payments/${paymentId}/complete`, { method: 'POST' })).json()
  console.log(`[3] buyer paid through the simulator: paymentStatus=${done.paymentStatus}`)
  let n = await next()
  console.log(`[4] notification ${n.kind} verified and acked: ${n.resultStatus} ${n.resultCode} paymentId=${n.data.paymentId}`)
  const inq = await client.inquiryPayment({ paymentRequestId: order })
  console.log(`[5] inquiryPayment: paymentStatus=${inq.data.paymentStatus} (verified=${inq.verified})`)
  if (inq.data.paymentStatus !== 'SUCCESS') throw new Error('the payment did not succeed')
  const refund = await client.refund({ refundRequestId: `${order}-refund-1`, paymentId, refundAmount: { currency: 'USD', value: '400' }, refundNotifyUrl: hook })
  console.log(`[6] partial refund USD 4.00: ${refund.resultStatus} ${refund.resultCode} refundId=${refund.data.refundId} (verified=${refund.verified})`)
  n = await next()
  console.log(`[7] notification ${n.kind} verified and acked: refundStatus=${n.data.refundStatus}`)
  const ir = await client.inquiryRefund({ refundRequestId: `${order}-refund-1` })
  console.log(`[8] inquiryRefund: refundStatus=${ir.data.refundStatus} amount=${ir.data.refundAmount.value} (verified=${ir.verified})`)
  if (ir.data.refundStatus !== 'SUCCESS') throw new Error('the refund did not succeed')
  server.close()
  console.log('demo complete: paid, notified, verified, refunded')
}

main().catch((e) => { console.error(e); process.exit(1) })
