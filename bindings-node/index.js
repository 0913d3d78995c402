// The public `antom` module: the native binding mapped to idiomatic JavaScript (AntomError,
// TypeError for wrong argument types, Promises). No protocol logic, defaults or validation
// here: they live in the Rust core and the shared binding facade. Endpoint methods, option
// names and the version come from generated.js.
'use strict'

const native = require('./native.js')
const { AntomError, CALL_OPTIONS, FUNCTIONS, METHODS, OPERATIONS, OPTIONS } = require('./generated.js')

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

// Each client's native handle, out of reach of its users (a private field cannot be reached
// from the generated operation methods defined below the class).
const natives = new WeakMap()

class Client {
  #clientId

  constructor(options) {
    if (options === null || typeof options !== 'object') throw new TypeError('new Client(options) needs an options object')
    const given = known(options, OPTIONS, 'option')
    natives.set(this, guard(() => new native.Client(given)))
    this.#clientId = options.clientId
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `Client { clientId: '${this.#clientId}' }`
  }

  toString() {
    return `Client(${this.#clientId})`
  }
}

function textOrBuffer(what) {
  return (v, name) => {
    if (typeof v !== 'string' && !Buffer.isBuffer(v)) throw new TypeError(`${name} must be ${what}`)
    return v
  }
}

// Arguments by kind (the bridge's operations table): JavaScript values checked and made plain
// for the addon; absent ones become null.
const ARGS = {
  body(v, name) {
    if (!isBody(v)) throw new TypeError(`${name} must be a plain object, a string or a Buffer`)
    return v
  },
  bytes: textOrBuffer('a Buffer or a string'),
  key: textOrBuffer('key text or a Buffer'),
  headers: (v) => plainHeaders(v),
  callOptions: (v) => requestOptions(v),
}

const OPTIONAL = new Set(['optText', 'callOptions', 'optCount'])

// The addon's arguments: the values as JSON (absent ones null), and the Buffers beside them at
// their positions (sent as they are, never converted).
function nativeArgs(op, args, required = false) {
  const json = []
  const buffers = []
  op.args.forEach((a, i) => {
    let v = args[i] === undefined || args[i] === null ? null : args[i]
    // A function's missing argument is JavaScript's own error, as any other wrong type; an
    // operation's stays the bridge's INVALID_INPUT (the webhook helpers answer by its kind).
    if (required && v === null && !OPTIONAL.has(a.kind)) throw new TypeError(`${a.name} is required`)
    if (v !== null && ARGS[a.kind]) v = ARGS[a.kind](v, a.name)
    const buffer = Buffer.isBuffer(v)
    json.push(buffer ? null : v)
    buffers.push(buffer ? v : null)
  })
  return [json, buffers]
}

// One method per operation: a Promise for those that wait on the network; for the others the
// value at once, and a Promise twin (`...Async`) that does the work off the event loop.
function promised(op) {
  return async function (...args) {
    const converted = nativeArgs(op, args)
    return guard(() => natives.get(this).invoke(op.name, ...converted))
  }
}

for (const op of OPERATIONS) {
  if (op.network) {
    Client.prototype[op.method] = promised(op)
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
    Client.prototype[`${op.method}Async`] = promised(op)
  }
}

// Per-call options: a plain object with the names in CALL_OPTIONS, undefined and null dropped.
function requestOptions(options) {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError('options must be an object')
  const o = known(options, CALL_OPTIONS, 'call option')
  if (o.headers !== undefined) o.headers = plainHeaders(o.headers)
  return o
}

// The options as a plain object, each name checked against `names`; undefined and null dropped.
function known(options, names, what) {
  for (const k of Object.keys(options)) {
    if (!names.includes(k)) throw new TypeError(`unknown ${what} '${k}'; accepted: ${names.join(', ')}`)
  }
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== null))
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
  webhooks: require('./webhooks.js'),
}
// One export per function of the bridge's table; RSA work also as a Promise off the event loop.
for (const f of FUNCTIONS) {
  module.exports[f.method] = (...args) => guard(() => native.callFunction(f.name, ...nativeArgs(f, args, true)))
  if (f.heavy) module.exports[`${f.method}Async`] = async (...args) => guard(() => native.callFunctionAsync(f.name, ...nativeArgs(f, args, true)))
}
// For antom/testing: native calls with the same error mapping (not part of the API).
Object.defineProperty(module.exports, '_guard', { value: guard })
