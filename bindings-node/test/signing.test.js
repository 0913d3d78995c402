'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const util = require('node:util')
const antom = require('..')
const { VECTORS, vectors } = require('./helpers')

const v = vectors()
const privateForms = [
  v.keys.private_pkcs8_base64,
  v.keys.private_pkcs1_base64,
  fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem'), 'utf8'),
  fs.readFileSync(path.join(VECTORS, 'test_private_pkcs1.pem')),
  fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.der')),
]
const publicForms = [
  v.keys.public_spki_base64,
  fs.readFileSync(path.join(VECTORS, 'test_public_spki.pem'), 'utf8'),
  fs.readFileSync(path.join(VECTORS, 'test_public_pkcs1.pem'), 'utf8'),
  fs.readFileSync(path.join(VECTORS, 'test_cert.pem')),
]

test('every sign case from every key form, string and Buffer bodies', () => {
  for (const key of privateForms) {
    for (const c of v.sign_cases) {
      assert.equal(antom.signRequest(key, c.method, c.path, c.client_id, c.time, c.body), c.signature_header, c.name)
      assert.equal(antom.signRequest(key, c.method, c.path, c.client_id, c.time, Buffer.from(c.body)), c.signature_header)
    }
  }
})

test('every sign case verifies from every public form in every spelling', () => {
  for (const key of publicForms) {
    for (const c of v.sign_cases) {
      for (const f of ['signature_header', 'signature_urlencoded', 'signature_urlencoded_dotnet_lowercase', 'signature_base64']) {
        assert.equal(antom.verifySignature(key, c.method, c.path, c.client_id, c.time, c.body, c[f]), true, `${c.name} ${f}`)
      }
    }
  }
})

test('verify-must-fail cases return false', () => {
  for (const c of v.verify_must_fail) {
    if (c.content_override) continue
    assert.equal(antom.verifySignature(v.keys.public_spki_base64, c.method, c.path, c.client_id, c.time, c.body, c.signature_urlencoded), false, c.name)
  }
})

test('header parse cases', () => {
  const c = v.sign_cases[0]
  for (const h of v.header_parse_cases) {
    if (h.error) {
      assert.throws(() => antom.verifySignature(v.keys.public_spki_base64, 'POST', c.path, c.client_id, c.time, c.body, h.header),
        (e) => e instanceof antom.AntomError && e.code === 'INVALID_HEADER' && e.message.includes(h.error))
    } else {
      assert.equal(antom.verifySignature(v.keys.public_spki_base64, 'POST', c.path, c.client_id, c.time, c.body, h.header), true)
    }
  }
})

test('wrong key forms are typed errors without key material', () => {
  for (const [file, expect] of [['test_public_spki.pem', 'public key'], ['test_private_encrypted.pem', 'encrypted'], ['test_ec_private.pem', 'not RSA'], ['test_rsa1024.pem', 'RSA-1024']]) {
    assert.throws(() => antom.signRequest(fs.readFileSync(path.join(VECTORS, file), 'utf8'), 'POST', '/p', 'c', 't', '{}'), (e) => {
      assert.ok(e instanceof antom.AntomError)
      assert.equal(e.code, 'INVALID_KEY')
      assert.ok(e.message.includes(expect), e.message)
      assert.ok(!e.message.includes('MII'))
      return true
    })
  }
})

test('wrong argument types throw TypeError', () => {
  assert.throws(() => antom.signRequest(42, 'POST', '/p', 'c', 't', '{}'), TypeError)
  assert.throws(() => antom.signRequest(v.keys.private_pkcs8_base64, 'POST', '/p', 'c', 't', { a: 1 }), TypeError)
  assert.throws(() => antom.verifySignature(v.keys.public_spki_base64, 'POST', '/p', 'c', 't', '{}', null), TypeError)
  assert.throws(() => new antom.Client(null), TypeError)
  assert.throws(() => new antom.Client({ clientId: 'c', privateKey: 'x', antomPublicKey: 'y', bogus: 1 }), TypeError)
})

test('the ack is exact and clients print no key material', () => {
  assert.equal(antom.NOTIFICATION_ACK, '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}')
  const c = new antom.Client({ clientId: 'SANDBOX_X', privateKey: v.keys.private_pkcs8_base64, antomPublicKey: fs.readFileSync(path.join(VECTORS, 'test_public_merchant_spki.pem')) })
  const shown = util.inspect(c, { showHidden: true, depth: 5 }) + String(c) + JSON.stringify(c)
  assert.ok(shown.includes('SANDBOX_X'))
  for (let i = 0; i + 16 < v.keys.private_pkcs8_base64.length; i += 16) {
    assert.ok(!shown.includes(v.keys.private_pkcs8_base64.slice(i, i + 16)))
  }
})

test('the Promise versions give the same answers off the event loop', async () => {
  const key = privateForms[2]
  for (const c of v.sign_cases) {
    assert.equal(await antom.signRequestAsync(key, c.method, c.path, c.client_id, c.time, c.body), c.signature_header, c.name)
    assert.equal(await antom.verifySignatureAsync(publicForms[1], c.method, c.path, c.client_id, c.time, c.body, c.signature_header), true)
    assert.equal(await antom.verifySignatureAsync(publicForms[1], c.method, c.path, c.client_id, c.time, c.body + ' ', c.signature_header), false)
  }
  await assert.rejects(antom.signRequestAsync('garbage', 'POST', '/p', 'C', '1', '{}'), (e) => e instanceof antom.AntomError && e.code === 'INVALID_KEY')
  await assert.rejects(antom.signRequestAsync(42, 'POST', '/p', 'C', '1', '{}'), TypeError)
  // Many signatures at once: the loop keeps ticking while the pool works.
  let ticks = 0
  const timer = setInterval(() => { ticks += 1 }, 1)
  await Promise.all(Array.from({ length: 200 }, () => antom.signRequestAsync(key, 'POST', '/p', 'C', '1', '{}')))
  clearInterval(timer)
  assert.ok(ticks > 0, 'the event loop never ran while signing')
})

test('a malformed PEM armour never puts the key in the error', () => {
  const pem = fs.readFileSync(path.join(VECTORS, 'test_private_pkcs8.pem'), 'utf8')
  const body = pem.split('\n').slice(1, -2).join('')
  const windows = new Set()
  for (let i = 0; i + 16 <= body.length; i++) windows.add(body.slice(i, i + 16))
  const broken = [
    pem.replace('-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY----'),
    pem.replace('-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY'),
    pem.replace('-----END PRIVATE KEY-----', '-----END PRIVATE KEY'),
  ]
  for (const b of broken) {
    let caught
    try { antom.signRequest(b, 'POST', '/p', 'C', '1', '{}') } catch (e) { caught = e }
    assert.ok(caught instanceof antom.AntomError && caught.code === 'INVALID_KEY')
    const text = (caught.message + util.inspect(caught)).replace(/\s/g, '')
    let leaked = false
    for (let i = 0; i + 16 <= text.length; i++) if (windows.has(text.slice(i, i + 16))) leaked = true
    assert.equal(leaked, false, 'the error quotes the key')
  }
})
