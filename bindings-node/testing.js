// require('antom/testing'): the Antom simulator inside your own tests, in this process on a free
// 127.0.0.1 port: no account, no network, no `antom sim` process. It verifies every request,
// signs every answer and notification, and plays the buyer and the faults through its controls
// (generated from the bridge's table: complete, decline, armFault, deliveries, audit, ...).
'use strict'

const fs = require('node:fs')
const native = require('./native.js')
const antom = require('./index.js')
const { SimControls } = require('./generated.js')

const guard = antom._guard

class Simulator extends SimControls {
  /** `options`: a `SimulatorOptions` (generated.d.ts), every field optional. */
  constructor(options = {}) {
    super()
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object')
    this._native = guard(() => new native.Simulator(JSON.stringify(options)))
    /** What `antom sim` prints: url, client_id and the key files. */
    this.info = JSON.parse(this._native.info)
    this.url = this.info.url
    this.clientId = this.info.client_id
    /** A ready client for this simulator. */
    this.client = this.newClient()
  }

  /** Another client for this simulator, with client options (e.g. `{ maxRetries: 0 }`). */
  newClient(options = {}) {
    return new antom.Client({
      clientId: this.clientId,
      privateKey: fs.readFileSync(this.info.merchant_private_key_file),
      antomPublicKey: fs.readFileSync(this.info.antom_public_key_file),
      gatewayUrl: this.url,
      ...options,
    })
  }

  _control(name, args) {
    return guard(() => this._native.control(name, JSON.stringify(args))).then((text) => JSON.parse(text))
  }

  /** Stops the server and removes its key files; later controls reject. */
  close() {
    this._native.stop()
  }
}

module.exports = { Simulator }
