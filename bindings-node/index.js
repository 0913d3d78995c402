// The public `antom` module: the native binding plus idiomatic errors and argument checks.
// No protocol logic here: signing, verification and the client live in the Rust core.
'use strict'

const native = require('./native.js')

/**
 * Every SDK error: `code` is the core's stable error kind. `outcomeUnknown` is true on any
 * error after which the request may have taken effect at Antom (code OUTCOME_UNKNOWN, or a
 * signature error on a pay): never charge again, inquire with `idempotencyKey`.
 * `attemptHistory` says what each attempt got.
 */
class AntomError extends Error {
  constructor(detail) {
    super(detail.message)
    this.name = 'AntomError'
    this.code = detail.kind
    this.httpStatus = detail.httpStatus ?? undefined
    this.raw = detail.raw ?? undefined
    this.resultCode = detail.resultCode ?? undefined
    this.idempotencyKey = detail.idempotencyKey ?? undefined
    this.attempts = detail.attempts ?? undefined
    this.outcomeUnknown = detail.outcomeUnknown === true
    this.attemptHistory = Array.isArray(detail.attemptHistory) ? detail.attemptHistory : []
  }
}

function wrapError(err) {
  if (err && typeof err.message === 'string' && err.message.startsWith('{"')) {
    try {
      const detail = JSON.parse(err.message)
      // Any kind the core reports becomes an AntomError, including kinds added later.
      if (typeof detail.kind === 'string' && typeof detail.message === 'string') return new AntomError(detail)
    } catch {
      // not one of ours
    }
  }
  if (err && (err.code === 'InvalidArg' || err.code === 'NumberExpected' || err.code === 'StringExpected' || err.code === 'ObjectExpected')) {
    const te = new TypeError(err.message)
    te.code = 'ERR_INVALID_ARG_TYPE'
    return te
  }
  return err
}

function guard(fn) {
  try {
    return fn()
  } catch (err) {
    throw wrapError(err)
  }
}

function isBody(b) {
  return typeof b === 'string' || Buffer.isBuffer(b) || (b !== null && typeof b === 'object' && !Array.isArray(b))
}

function checkString(name, v) {
  if (typeof v !== 'string') throw new TypeError(`${name} must be a string, got ${v === null ? 'null' : typeof v}`)
}

function checkKey(name, v) {
  if (typeof v !== 'string' && !Buffer.isBuffer(v)) throw new TypeError(`${name} must be key text (string) or a Buffer`)
}

function checkRaw(name, v) {
  if (typeof v !== 'string' && !Buffer.isBuffer(v)) throw new TypeError(`${name} must be a string or a Buffer`)
}

function signRequest(privateKey, method, path, clientId, requestTime, body, keyVersion) {
  checkKey('privateKey', privateKey)
  for (const [n, v] of [['method', method], ['path', path], ['clientId', clientId], ['requestTime', requestTime]]) checkString(n, v)
  checkRaw('body', body)
  if (keyVersion !== undefined && (!Number.isInteger(keyVersion) || keyVersion < 0)) throw new TypeError('keyVersion must be a non-negative integer')
  return guard(() => native.signRequest(privateKey, method, path, clientId, requestTime, body, keyVersion))
}

function verifySignature(publicKey, method, path, clientId, requestTime, body, signature) {
  checkKey('publicKey', publicKey)
  for (const [n, v] of [['method', method], ['path', path], ['clientId', clientId], ['requestTime', requestTime], ['signature', signature]]) checkString(n, v)
  checkRaw('body', body)
  return guard(() => native.verifySignature(publicKey, method, path, clientId, requestTime, body, signature))
}

// The same checks, then the RSA work on the libuv thread pool: the event loop stays free.
async function signRequestAsync(privateKey, method, path, clientId, requestTime, body, keyVersion) {
  checkKey('privateKey', privateKey)
  for (const [n, v] of [['method', method], ['path', path], ['clientId', clientId], ['requestTime', requestTime]]) checkString(n, v)
  checkRaw('body', body)
  if (keyVersion !== undefined && (!Number.isInteger(keyVersion) || keyVersion < 0)) throw new TypeError('keyVersion must be a non-negative integer')
  try {
    return await native.signRequestAsync(privateKey, method, path, clientId, requestTime, body, keyVersion)
  } catch (err) {
    throw wrapError(err)
  }
}

async function verifySignatureAsync(publicKey, method, path, clientId, requestTime, body, signature) {
  checkKey('publicKey', publicKey)
  for (const [n, v] of [['method', method], ['path', path], ['clientId', clientId], ['requestTime', requestTime], ['signature', signature]]) checkString(n, v)
  checkRaw('body', body)
  try {
    return await native.verifySignatureAsync(publicKey, method, path, clientId, requestTime, body, signature)
  } catch (err) {
    throw wrapError(err)
  }
}

const OPTION_KEYS = new Set(['clientId', 'privateKey', 'antomPublicKey', 'region', 'gatewayUrl', 'keyVersion', 'agentToken', 'timeoutMs', 'connectTimeoutMs', 'maxRetries', 'proxy'])
const METHODS = ['pay', 'consult', 'inquiryPayment', 'cancel', 'capture', 'refund', 'inquiryRefund', 'createPaymentSession']

class Client {
  #native
  #clientId

  constructor(options) {
    if (options === null || typeof options !== 'object') throw new TypeError('new Client(options) needs an options object')
    for (const k of Object.keys(options)) {
      if (!OPTION_KEYS.has(k)) throw new TypeError(`unknown option '${k}'`)
    }
    checkString('clientId', options.clientId)
    checkKey('privateKey', options.privateKey)
    checkKey('antomPublicKey', options.antomPublicKey)
    for (const k of ['timeoutMs', 'connectTimeoutMs', 'maxRetries', 'keyVersion']) {
      const v = options[k]
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new TypeError(`${k} must be a non-negative integer`)
    }
    this.#native = guard(() => new native.Client(options))
    this.#clientId = options.clientId
  }

  async call(endpoint, body) {
    checkString('endpoint', endpoint)
    if (!isBody(body)) throw new TypeError('body must be a plain object, a string or a Buffer')
    try {
      // A plain object is serialized once by the core; text and bytes are sent as given.
      return await (typeof body === 'string' || Buffer.isBuffer(body)
        ? this.#native.callRaw(endpoint, body)
        : this.#native.callJson(endpoint, body))
    } catch (err) {
      throw wrapError(err)
    }
  }

  async inquirePaymentUntilFinal(paymentRequestId, timeoutMs) {
    checkString('paymentRequestId', paymentRequestId)
    if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw new TypeError('timeoutMs must be a non-negative integer')
    try {
      return await this.#native.inquirePaymentUntilFinal(paymentRequestId, timeoutMs)
    } catch (err) {
      throw wrapError(err)
    }
  }

  // Blocks the event loop for the RSA verification; verifyNotificationAsync does not.
  verifyNotification(path, headers, body) {
    const plain = notificationArgs(path, headers, body)
    return guard(() => this.#native.verifyNotification(path, plain, body))
  }

  async verifyNotificationAsync(path, headers, body) {
    const plain = notificationArgs(path, headers, body)
    try {
      return await this.#native.verifyNotificationAsync(path, plain, body)
    } catch (err) {
      throw wrapError(err)
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Client { clientId: '${this.#clientId}' }`
  }

  toString() {
    return `Client(${this.#clientId})`
  }
}

function notificationArgs(path, headers, body) {
  checkString('path', path)
  if (headers === null || typeof headers !== 'object') throw new TypeError('headers must be an object')
  checkRaw('body', body)
  const plain = {}
  for (const [k, v] of (typeof headers.entries === 'function' ? headers.entries() : Object.entries(headers))) {
    if (v !== undefined) plain[k] = v
  }
  return plain
}

for (const name of METHODS) {
  Client.prototype[name] = async function (body) {
    if (!isBody(body)) throw new TypeError('body must be a plain object, a string or a Buffer')
    return this.call(`payments.${name}`, body)
  }
}

module.exports = {
  NOTIFICATION_ACK: native.NOTIFICATION_ACK,
  AntomError,
  Client,
  signRequest,
  signRequestAsync,
  verifySignature,
  verifySignatureAsync,
}
