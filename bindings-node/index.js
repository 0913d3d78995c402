// The public `antom` module: the native binding mapped to idiomatic JavaScript (AntomError,
// TypeError for wrong argument types, Promises). No protocol logic, defaults or validation
// here: they live in the Rust core and the shared binding facade. Endpoint methods, option
// names and the version come from generated.js.
'use strict'

const native = require('./native.js')
const { AntomError, CALL_OPTIONS, METHODS, OPERATIONS, OPTIONS } = require('./generated.js')

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

// Each client's native handle, out of reach of its users (a private field cannot be reached
// from the generated operation methods defined below the class).
const natives = new WeakMap()

class Client {
  #clientId

  constructor(options) {
    if (options === null || typeof options !== 'object') throw new TypeError('new Client(options) needs an options object')
    for (const k of Object.keys(options)) {
      if (!OPTIONS.includes(k)) throw new TypeError(`unknown option '${k}'; accepted: ${OPTIONS.join(', ')}`)
    }
    const given = Object.entries(options).filter(([, v]) => v !== undefined && v !== null)
    natives.set(this, guard(() => new native.Client(Object.fromEntries(given))))
    this.#clientId = options.clientId
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Client { clientId: '${this.#clientId}' }`
  }

  toString() {
    return `Client(${this.#clientId})`
  }
}

// Arguments by kind (the bridge's operations table): JavaScript values checked and made plain
// for the addon; absent ones become null.
const ARGS = {
  body(v, name) {
    if (!isBody(v)) throw new TypeError(`${name} must be a plain object, a string or a Buffer`)
    return v
  },
  bytes(v, name) {
    if (typeof v !== 'string' && !Buffer.isBuffer(v)) throw new TypeError(`${name} must be a Buffer or a string`)
    return v
  },
  headers: (v) => plainHeaders(v),
  callOptions: (v) => requestOptions(v),
}

// The addon's arguments: the values as JSON (absent ones null), and the Buffers beside them at
// their positions (sent as they are, never converted).
function nativeArgs(op, args) {
  const json = []
  const buffers = []
  op.args.forEach((a, i) => {
    let v = args[i] === undefined || args[i] === null ? null : args[i]
    if (v !== null && ARGS[a.kind]) v = ARGS[a.kind](v, a.name)
    const buffer = Buffer.isBuffer(v)
    json.push(buffer ? null : v)
    buffers.push(buffer ? v : null)
  })
  return [json, buffers]
}

// One method per operation: a Promise for those that wait on the network; for the others the
// value at once, and a Promise twin (`...Async`) that does the work off the event loop.
for (const op of OPERATIONS) {
  if (op.network) {
    Client.prototype[op.method] = async function (...args) {
      const converted = nativeArgs(op, args)
      return guard(() => natives.get(this).invoke(op.name, ...converted))
    }
    // A paged operation's iterator: the same arguments but the token, passed page to page.
    if (op.iterate) {
      const { method, token, items, next } = op.iterate
      Client.prototype[method] = async function * (...args) {
        const given = args.slice(0, token)
        const rest = args.slice(token)
        let page = null
        do {
          const answer = await this[op.method](...given, page, ...rest)
          yield * answer[items]
          page = answer[next]
        } while (page != null)
      }
    }
  } else {
    Client.prototype[op.method] = function (...args) {
      const converted = nativeArgs(op, args)
      return guard(() => natives.get(this).invokeSync(op.name, ...converted))
    }
    Client.prototype[`${op.method}Async`] = async function (...args) {
      const converted = nativeArgs(op, args)
      return guard(() => natives.get(this).invoke(op.name, ...converted))
    }
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

function toMinorUnits(currency, amount) {
  return guard(() => native.toMinorUnits(currency, amount))
}
function fromMinorUnits(currency, minorUnits) {
  return guard(() => native.fromMinorUnits(currency, minorUnits))
}

/** Calls `listener(event)` after every attempt of every client: method, path, attempt,
 * httpStatus, resultStatus, resultCode, verified, outcome, latencyMs, idempotencyKey,
 * willRetry; never a body, header value, signature or key. `null` stops. A listener that
 * throws is reported as a process warning; the call is unaffected. */
function onAttempt(listener) {
  if (listener !== null && typeof listener !== 'function') throw new TypeError('listener must be a function or null')
  native.setAttemptListener(listener === null ? null : (json) => {
    try {
      listener(JSON.parse(json))
    } catch (err) {
      process.emitWarning(`antom: the attempt listener threw: ${err && err.message}`, 'AntomWarning')
    }
  })
}

module.exports = {
  onAttempt,
  NOTIFICATION_ACK: native.NOTIFICATION_ACK,
  AntomError,
  Client,
  fromMinorUnits,
  toMinorUnits,
  signRequest,
  signRequestAsync,
  verifySignature,
  verifySignatureAsync,
  webhooks: require('./webhooks.js'),
}
// For antom/testing: native calls with the same error mapping (not part of the API).
Object.defineProperty(module.exports, '_guard', { value: guard })
