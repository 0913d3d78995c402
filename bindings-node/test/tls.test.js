'use strict'
// The simulator over HTTPS: the client trusts its local CA only through `caCertificate`
// (certificates are always checked), and a whole payment runs over rustls.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const https = require('node:https')
const antom = require('..')
const { startSim, clientFor, payBody } = require('./helpers')

function post(url, ca) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', ca }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
    })
    req.on('error', reject)
    req.end()
  })
}

test('a payment over https, trusting only the simulator\'s CA', async () => {
  const sim = await startSim(['--tls'])
  try {
    const { info } = sim
    assert.match(info.url, /^https:\/\/127\.0\.0\.1:/)
    const ca = fs.readFileSync(info.ca_certificate_file)
    await assert.rejects(clientFor(antom, info, { maxRetries: 0 }).pay(payBody('node-tls-0')),
      (e) => e.code === 'TRANSPORT' && e.outcomeUnknown === false)
    const client = clientFor(antom, info, { caCertificate: ca })
    const r = await client.pay(payBody('node-tls-1'))
    assert.ok(r.verified && r.resultCode === 'PAYMENT_IN_PROCESS')
    assert.match(r.data.normalUrl, /^https:\/\/127\.0\.0\.1:/)
    const done = await post(`${info.url}/sim/payments/${r.data.paymentId}/complete`, ca)
    assert.equal(done.paymentStatus, 'SUCCESS')
    const final = await client.inquirePaymentUntilFinal('node-tls-1', 5000)
    assert.ok(final.verified)
    assert.equal(final.data.paymentStatus, 'SUCCESS')
    const refund = await client.refund({ refundRequestId: 'node-tls-r-1', paymentId: r.data.paymentId, refundAmount: { currency: 'USD', value: '1000' } })
    assert.ok(refund.verified && refund.isSuccess)
  } finally {
    await sim.stop()
  }
})
