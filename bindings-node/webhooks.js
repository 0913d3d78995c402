// Webhook handlers for node:http, Express and Fastify. Each verifies the raw bytes first, then
// calls your handler with the typed notification, and answers Antom from the core's table
// (WEBHOOK_REPLIES): 200 and the ack once handled; 401 or 400 for a delivery that does not
// verify, never acted on; 500 and no ack when your handler throws, so Antom delivers it again.
// Antom redelivers, so handle each notification idempotently (by its paymentId, refundId, ...).
// No framework is a dependency: Express and Fastify are only ever handed functions.
'use strict'

const { MAX_NOTIFICATION_BYTES, WEBHOOK_REPLIES, WEBHOOK_REPLY_FOR_CODE } = require('./generated.js')

const { ACKED, FAILED, MALFORMED } = WEBHOOK_REPLIES

// A delivery that is not acked is worth a line in the log: what and why, never the body (it
// was not verified).
function report(opts, message, cause, reply) {
  const err = new Error(message, { cause })
  if (opts && typeof opts.onError === 'function') opts.onError(err, reply)
  else process.emitWarning(message, 'AntomWebhookWarning')
}

function checkArgs(client, onNotification) {
  if (!client || typeof client.verifyNotificationAsync !== 'function') throw new TypeError('client must be an antom Client')
  if (typeof onNotification !== 'function') throw new TypeError('onNotification must be a function')
}

/** Verifies one delivery, hands it to `handler` (sync or async) and resolves to the reply. Never rejects. */
async function answer(client, path, headers, body, handler, opts = {}) {
  let notification
  try {
    // Off the event loop: the RSA work must not stall the server.
    notification = await client.verifyNotificationAsync(path, headers, body)
  } catch (err) {
    // A code this version does not know gets no ack: Antom redelivers, nothing is lost.
    const reply = (err && WEBHOOK_REPLY_FOR_CODE[err.code]) || FAILED
    report(opts, `antom webhook: delivery refused (${err && err.code}): ${err && err.message}`, err, reply)
    return reply
  }
  try {
    await handler(notification)
  } catch (err) {
    report(opts, 'antom webhook: the handler threw; no ack, so Antom delivers it again', err, FAILED)
    return FAILED
  }
  return ACKED
}

// The body, read to one byte over the core's limit: enough for the core to refuse it as
// oversize, without ever buffering more.
function readCapped(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    const done = (over) => {
      req.removeListener('data', onData)
      if (over) req.pause()
      resolve({ body: Buffer.concat(chunks).subarray(0, MAX_NOTIFICATION_BYTES + 1), over })
    }
    const onData = (chunk) => {
      chunks.push(chunk)
      size += chunk.length
      if (size > MAX_NOTIFICATION_BYTES) done(true)
    }
    req.on('data', onData)
    req.once('end', () => done(false))
    req.once('error', reject)
    // A sender that hangs up midway: nothing to verify (a no-op once the body is read).
    req.once('close', () => reject(new Error('the connection closed before the body was complete')))
  })
}

// Whether a body parser read the stream. Express 4's parsers set req.body = {} even when they
// skip a request (req._body stays unset, the stream unread): that one is still readable.
function consumed(req) {
  if (req.readableEnded || req._body === true) return true
  const b = req.body
  if (b === undefined) return false
  return !(b !== null && typeof b === 'object' && Object.getPrototypeOf(b) === Object.prototype && Object.keys(b).length === 0)
}

const CONSUMED = 'antom webhook: the request body was already consumed by a body parser, so the exact bytes ' +
  'the signature covers are gone; mount the webhook route before express.json()/express.urlencoded()/' +
  'express.text(), or give it express.raw({ type: "*/*" })'

/** A `(req, res)` handler for node:http and Express. `path` overrides the request's path, for a
 * proxy that rewrites it: the signature covers the path Antom posted to. */
function handler(client, onNotification, opts = {}) {
  checkArgs(client, onNotification)
  return function antomWebhook(req, res) {
    const send = (reply, close) => {
      const headers = { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) }
      // The rest of an oversize body is never read: close the connection instead.
      if (close) headers.connection = 'close'
      res.writeHead(reply.status, headers).end(reply.body)
    }
    const path = opts.path || req.originalUrl || req.url
    let body
    if (Buffer.isBuffer(req.body)) {
      body = Promise.resolve({ body: req.body, over: false })
    } else if (consumed(req)) {
      // Never re-serialize a parsed body: its bytes would not be the ones Antom signed.
      report(opts, CONSUMED, undefined, FAILED)
      send(FAILED, false)
      return
    } else {
      body = readCapped(req)
    }
    body
      .then(({ body: raw, over }) => answer(client, path, req.headers, raw, onNotification, opts).then((reply) => send(reply, over)))
      .catch((err) => {
        report(opts, 'antom webhook: the request body could not be read', err, FAILED)
        send(FAILED, true)
      })
  }
}

/** A Fastify plugin registering `POST path`; in its own context, every content type arrives as
 * the raw Buffer (the app's JSON parser never sees the webhook's body). */
function fastify(client, onNotification, opts = {}) {
  checkArgs(client, onNotification)
  if (typeof opts.path !== 'string' || !opts.path.startsWith('/')) throw new TypeError('fastify(client, onNotification, { path }) needs the route, e.g. "/antom/notify"')
  return async function antomWebhookPlugin(instance) {
    instance.removeAllContentTypeParsers()
    // One byte over the core's limit reaches the core, which refuses it as oversize.
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_NOTIFICATION_BYTES + 1 }, (req, body, done) => done(null, body))
    // Whatever Fastify refuses before the route runs (a larger body, a broken stream) is not acked.
    instance.setErrorHandler((err, request, reply) => {
      const r = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? MALFORMED : FAILED
      report(opts, `antom webhook: the request was refused before verification: ${err.message}`, err, r)
      reply.code(r.status).type(r.contentType).send(r.body)
    })
    instance.post(opts.path, async (request, reply) => {
      const r = await answer(client, request.url, request.headers, request.body || Buffer.alloc(0), onNotification, opts)
      return reply.code(r.status).type(r.contentType).send(r.body)
    })
  }
}

module.exports = {
  MAX_NOTIFICATION_BYTES,
  WEBHOOK_REPLIES,
  WEBHOOK_REPLY_FOR_CODE,
  answer,
  handler,
  express: handler,
  fastify,
}
