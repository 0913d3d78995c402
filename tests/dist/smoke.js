// Runs in a scratch project that installed both npm tarballs from dist/ (no Rust on PATH):
// every shared signature vector, then one payment against the simulator.
// Env: ANTOM_VECTORS, SIM_INFO.
'use strict'
const assert = require('node:assert/strict')
const fs = require('node:fs')
const antom = require('antom')

assert.ok(require.resolve('antom').includes('node_modules'), 'must load the installed package')
assert.ok(require.resolve('@antom/antom-linux-x64-gnu').includes('node_modules'), 'the addon comes from the platform package')
const v = JSON.parse(fs.readFileSync(process.env.ANTOM_VECTORS, 'utf8'))
let passed = 0

async function main() {
  for (const c of v.sign_cases) {
    for (const key of [v.keys.private_pkcs8_base64, v.keys.private_pkcs1_base64]) {
      assert.equal(antom.signRequest(key, c.method, c.path, c.client_id, c.time, c.body), c.signature_header, c.name)
      assert.equal(await antom.signRequestAsync(key, c.method, c.path, c.client_id, c.time, c.body), c.signature_header, c.name)
    }
    assert.equal(antom.verifySignature(v.keys.public_spki_base64, c.method, c.path, c.client_id, c.time, c.body, c.signature_header), true)
    passed++
  }
  for (const c of v.verify_must_fail) {
    if (c.content_override !== undefined) continue // raw content, below the API
    const header = `algorithm=RSA256,keyVersion=1,signature=${c.signature_urlencoded}`
    assert.equal(antom.verifySignature(v.keys.public_spki_base64, c.method, c.path, c.client_id, c.time, c.body, header), false, c.name)
    passed++
  }
  const sim = JSON.parse(process.env.SIM_INFO)
  const client = new antom.Client({
    clientId: sim.client_id,
    privateKey: fs.readFileSync(sim.merchant_private_key_file),
    antomPublicKey: fs.readFileSync(sim.antom_public_key_file),
    gatewayUrl: sim.url,
  })
  const r = await client.pay({ paymentRequestId: 'dist-node-1', productCode: 'CASHIER_PAYMENT', paymentAmount: { currency: 'USD', value: '1000' }, paymentMethod: { paymentMethodType: 'ALIPAY_CN' } })
  assert.deepEqual([r.resultStatus, r.resultCode, r.verified], ['U', 'PAYMENT_IN_PROCESS', true])
  assert.equal((await client.inquiryPayment({ paymentRequestId: 'dist-node-1' })).data.paymentStatus, 'PROCESSING')
  passed++
  // The in-process simulator ships in the packages: a pay and the buyer's completion, no process.
  const { Simulator } = require('antom/testing')
  const inproc = new Simulator()
  try {
    const paid = await inproc.client.pay({ paymentRequestId: 'dist-node-3', productCode: 'CASHIER_PAYMENT', paymentAmount: { currency: 'USD', value: '1000' }, paymentMethod: { paymentMethodType: 'ALIPAY_CN' } })
    assert.equal((await inproc.complete(paid.data.paymentId)).paymentStatus, 'SUCCESS')
  } finally {
    inproc.close()
  }
  passed++
  console.log(`npm packages ${require('antom/package.json').version}: ${passed} passed, 0 failed`)
}

main().catch((e) => { console.error(e); process.exit(1) })
