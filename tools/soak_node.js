'use strict'
// Soak of the Node binding: N sign+verify pairs (1 in 10 with a bad key, so error paths run too)
// and M client calls against the simulator; prints one JSON line with RSS (before, after the
// signing, after the calls) and the V8 heap growth after full GCs. Run with --expose-gc:
// node --expose-gc soak_node.js N M (the simulator's JSON line in ANTOM_SIM_INFO).
const fs = require('node:fs')
const antom = require('../bindings-node')

async function main(nSign, nCall) {
  const info = JSON.parse(process.env.ANTOM_SIM_INFO)
  const key = fs.readFileSync(info.merchant_private_key_file, 'utf8')
  const pub = fs.readFileSync(info.merchant_public_key_file, 'utf8')
  const client = new antom.Client({ clientId: info.client_id, privateKey: key, antomPublicKey: fs.readFileSync(info.antom_public_key_file, 'utf8'), gatewayUrl: info.url, maxRetries: 0 })
  const body = JSON.stringify({ paymentRequestId: 'soak', note: 'x'.repeat(200) })
  const signVerify = (i) => {
    if (i % 10 === 9) {
      try { antom.signRequest('garbage', 'POST', '/p', 'C1', 't', body) } catch (e) { if (e.code === 'INVALID_KEY') return; throw e }
      throw new Error('a bad key signed')
    }
    const h = antom.signRequest(key, 'POST', '/p', 'C1', 't', body)
    if (!antom.verifySignature(pub, 'POST', '/p', 'C1', 't', body, h)) throw new Error('no verify')
  }
  const call = async (i) => {
    const r = i % 2
      ? await client.pay({ paymentRequestId: `soak-js-${process.pid}-${i}`, paymentAmount: { currency: 'USD', value: '100' }, productCode: 'CASHIER_PAYMENT', paymentMethod: { paymentMethodType: 'ALIPAY_CN' } })
      : await client.inquiryPayment({ paymentRequestId: `soak-js-${process.pid}-${i - 1}` })
    if (!r.verified) throw new Error('unverified')
  }
  for (let i = 0; i < 1000; i++) signVerify(i)
  for (let i = 0; i < 200; i++) await call(i)
  const settle = () => { global.gc(); global.gc() }
  settle()
  const heap0 = process.memoryUsage().heapUsed
  const rss = [process.memoryUsage().rss >> 10]
  for (let i = 0; i < nSign; i++) signVerify(i)
  settle()
  rss.push(process.memoryUsage().rss >> 10)
  for (let i = 0; i < nCall; i++) await call(i + 1000)
  settle()
  rss.push(process.memoryUsage().rss >> 10)
  const heapGrowth = (process.memoryUsage().heapUsed - heap0) >> 10
  console.log(JSON.stringify({ binding: 'node', sign_verify: nSign, calls: nCall, rss_kb: rss, heap_growth_kb: heapGrowth }))
}

main(Number(process.argv[2]), Number(process.argv[3])).catch((e) => { console.error(e); process.exit(1) })
