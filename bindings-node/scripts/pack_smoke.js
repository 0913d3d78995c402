// Run from a scratch project that installed the packed tarball: require('antom') resolves to
// the installed package, which signs and verifies the shared vector.
'use strict'
const assert = require('node:assert/strict')
const fs = require('node:fs')
const antom = require('antom')

assert.ok(require.resolve('antom').includes('node_modules'), 'must load the installed package')
const v = JSON.parse(fs.readFileSync(process.env.ANTOM_VECTORS, 'utf8'))
const c = v.sign_cases[0]
assert.equal(antom.signRequest(v.keys.private_pkcs8_base64, c.method, c.path, c.client_id, c.time, c.body), c.signature_header)
assert.equal(antom.verifySignature(v.keys.public_spki_base64, c.method, c.path, c.client_id, c.time, c.body, c.signature_header), true)
console.log('npm pack smoke: the installed antom package signs and verifies the shared vector: 1 passed, 0 failed')
