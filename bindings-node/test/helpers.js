'use strict'
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const readline = require('node:readline')

const ROOT = path.resolve(__dirname, '..', '..')
const VECTORS = path.join(ROOT, 'tests', 'vectors')
const ANTOM = process.env.ANTOM_BIN || path.join(ROOT, 'target', 'debug', 'antom')

function vectors() {
  return JSON.parse(fs.readFileSync(path.join(VECTORS, 'vectors.json'), 'utf8'))
}

/** A fresh temporary folder, removed when the test process exits. */
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Starts `antom sim`; resolves to { info, stop }. */
function startSim(extra = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'antom-node-'))
  const proc = spawn(ANTOM, ['sim', '--time-scale', '0.0005', '--slow-ms', '1500', '--state-dir', dir, ...extra], { stdio: ['ignore', 'pipe', 'ignore'] })
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout })
    rl.once('line', (line) => {
      const info = JSON.parse(line)
      resolve({
        info,
        stop: () => new Promise((done) => {
          proc.once('exit', (code) => {
            // The simulator's key files (private ones among them) go with it.
            fs.rmSync(dir, { recursive: true, force: true })
            done(code)
          })
          proc.kill('SIGTERM')
        }),
      })
    })
    proc.once('error', reject)
    proc.once('exit', (code) => reject(new Error(`antom sim exited with ${code}`)))
  })
}

function clientFor(antom, info, extra = {}) {
  return new antom.Client({
    clientId: info.client_id,
    privateKey: fs.readFileSync(info.merchant_private_key_file, 'utf8'),
    antomPublicKey: fs.readFileSync(info.antom_public_key_file),
    gatewayUrl: info.url,
    ...extra,
  })
}

function payBody(id, value = '1000', notify) {
  const b = {
    paymentRequestId: id,
    paymentAmount: { currency: 'USD', value },
    productCode: 'CASHIER_PAYMENT',
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
  }
  if (notify) b.paymentNotifyUrl = notify
  return b
}

async function simPost(info, p, body) {
  const init = body === undefined
    ? { method: 'POST' }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
  const r = await fetch(info.url + p, init)
  return r.json()
}

module.exports = { tempDir, ROOT, VECTORS, vectors, startSim, clientFor, payBody, simPost }
