// The public `antom` module: the native binding mapped to idiomatic JavaScript (AntomError,
// TypeError for wrong argument types, Promises). No protocol logic, defaults or validation
// here: they live in the Rust core and the shared binding facade. Endpoint methods, option
// names and the version come from generated.js.
'use strict'

const native = require('./native.js')
const { CALL_OPTIONS, METHODS, OPTIONS } = require('./generated.js')

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
    this.family = detail.family
    for (const k of ['httpStatus', 'raw', 'resultCode', 'idempotencyKey', 'attempts']) this[k] = detail[k] ?? undefined
    this.outcomeUnknown = detail.outcomeUnknown === true
    this.attemptHistory = Array.isArray(detail.attemptHistory) ? detail.attemptHistory : []
  }
}

const NAPI_JSON_LIMITS = new Set(['Exceeded maximum JSON nesting depth', 'Exceeded maximum JSON value count'])
const NAPI_TYPE_ERRORS = new Set(['InvalidArg', 'NumberExpected', 'StringExpected', 'ObjectExpected', 'ArrayExpected'])

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
  // napi's own JSON conversion stops at serde_json's depth and size limits (which also catches
  // a cyclic object): that is bad input like any other, so the same typed error the bridge gives.
  if (err && NAPI_JSON_LIMITS.has(err.message)) {
    return new AntomError({ kind: 'INVALID_INPUT', family: 'InvalidInput', message: `the body is too deep or too large to convert: ${err.message}` })
  }
  if (err && NAPI_TYPE_ERRORS.has(err.code)) {
    const te = new TypeError(err.message)
    te.code = 'ERR_INVALID_ARG_TYPE'
    return te
  }
  return err
}

// Native calls, sync or async, with errors mapped.
function guard(fn) {
  let out
  try {
    out = fn()
  } catch (err) {
    throw wrapError(err)
  }
  return out instanceof Promise ? out.then(response, (err) => { throw wrapError(err) }) : response(out)
}

// The bridge's views are plain objects; response headers arrive as name/value pairs.
function response(v) {
  if (v && Array.isArray(v.headers) && typeof v.resultStatus === 'string') v.headers = Object.fromEntries(v.headers.map((h) => [h.name, h.value]))
  return v
}

function isBody(b) {
  return typeof b === 'string' || Buffer.isBuffer(b) || (b !== null && typeof b === 'object' && !Array.isArray(b))
}

// Parsed keys by key text (and by Buffer object), so a call passes a handle, not the text.
const keys = { private: new Map(), public: new Map(), privateBuf: new WeakMap(), publicBuf: new WeakMap() }
function keyHandle(kind, key) {
  const [byText, byBuf, Native] = kind === 'private'
    ? [keys.private, keys.privateBuf, native.PrivateKey]
    : [keys.public, keys.publicBuf, native.PublicKey]
  const cache = Buffer.isBuffer(key) ? byBuf : typeof key === 'string' ? byText : null
  if (cache === null) return guard(() => new Native(key)) // napi raises the TypeError
  let handle = cache.get(key)
  if (handle === undefined) {
    handle = guard(() => new Native(key))
    if (cache instanceof Map && cache.size >= 32) cache.clear()
    cache.set(key, handle)
  }
  return handle
}

function signRequest(privateKey, method, path, clientId, requestTime, body, keyVersion) {
  const key = keyHandle('private', privateKey)
  return guard(() => native.signRequest(key, method, path, clientId, requestTime, body, keyVersion))
}
function verifySignature(publicKey, method, path, clientId, requestTime, body, signature) {
  const key = keyHandle('public', publicKey)
  return guard(() => native.verifySignature(key, method, path, clientId, requestTime, body, signature))
}
// The RSA work on the libuv thread pool: the event loop stays free.
async function signRequestAsync(privateKey, method, path, clientId, requestTime, body, keyVersion) {
  const key = keyHandle('private', privateKey)
  return guard(() => native.signRequestAsync(key, method, path, clientId, requestTime, body, keyVersion))
}
async function verifySignatureAsync(publicKey, method, path, clientId, requestTime, body, signature) {
  const key = keyHandle('public', publicKey)
  return guard(() => native.verifySignatureAsync(key, method, path, clientId, requestTime, body, signature))
}

class Client {
  #native
  #clientId

  constructor(options) {
    if (options === null || typeof options !== 'object') throw new TypeError('new Client(options) needs an options object')
    for (const k of Object.keys(options)) {
      if (!OPTIONS.includes(k)) throw new TypeError(`unknown option '${k}'; accepted: ${OPTIONS.join(', ')}`)
    }
    const given = Object.entries(options).filter(([, v]) => v !== undefined && v !== null)
    this.#native = guard(() => new native.Client(Object.fromEntries(given)))
    this.#clientId = options.clientId
  }

  async call(endpoint, body, options) {
    if (!isBody(body)) throw new TypeError('body must be a plain object, a string or a Buffer')
    const o = requestOptions(options)
    // A plain object is serialized once by the core; text and bytes are sent as given.
    const raw = typeof body === 'string' || Buffer.isBuffer(body)
    return guard(() => (raw ? this.#native.callRaw(endpoint, body, o) : this.#native.callJson(endpoint, body, o)))
  }

  async inquirePaymentUntilFinal(paymentRequestId, timeoutMs) {
    return guard(() => this.#native.inquirePaymentUntilFinal(paymentRequestId, timeoutMs))
  }

  async uploadMeterEvents(sessionId, events) {
    if (!isBody(events)) throw new TypeError('events must be a plain object, a string or a Buffer')
    const raw = typeof events === 'string' || Buffer.isBuffer(events)
    return guard(() => (raw ? this.#native.uploadMeterEventsRaw(sessionId, events) : this.#native.uploadMeterEventsJson(sessionId, events)))
  }

  async uploadProductImage(productId, image, fileName) {
    if (typeof image !== 'string' && !Buffer.isBuffer(image)) throw new TypeError('image must be a Buffer or a file path')
    return guard(() => this.#native.uploadProductImage(productId, image, fileName))
  }

  async recoverNotifications(from, to) {
    return guard(() => this.#native.recoverNotifications(from, to))
  }

  // Blocks the event loop for the RSA verification; verifyNotificationAsync does not.
  verifyNotification(path, headers, body) {
    return guard(() => this.#native.verifyNotification(path, plainHeaders(headers), body))
  }

  async verifyNotificationAsync(path, headers, body) {
    return guard(() => this.#native.verifyNotificationAsync(path, plainHeaders(headers), body))
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Client { clientId: '${this.#clientId}' }`
  }

  toString() {
    return `Client(${this.#clientId})`
  }
}

// Per-call options: a plain object with the names in CALL_OPTIONS, undefined and null dropped.
function requestOptions(options) {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError('options must be an object')
  for (const k of Object.keys(options)) {
    if (!CALL_OPTIONS.includes(k)) throw new TypeError(`unknown call option '${k}'; accepted: ${CALL_OPTIONS.join(', ')}`)
  }
  const given = Object.entries(options).filter(([, v]) => v !== undefined && v !== null)
  const o = Object.fromEntries(given)
  if (o.headers !== undefined) o.headers = plainHeaders(o.headers)
  return o
}

// A Headers object or a plain object, with undefined values dropped (node's IncomingHeaders).
function plainHeaders(headers) {
  if (headers === null || typeof headers !== 'object') throw new TypeError('headers must be an object')
  const entries = typeof headers.entries === 'function' ? headers.entries() : Object.entries(headers)
  return Object.fromEntries([...entries].filter(([, v]) => v !== undefined))
}

for (const [name, endpoint] of Object.entries(METHODS)) {
  Client.prototype[name] = async function (body, options) {
    return this.call(endpoint, body, options)
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
