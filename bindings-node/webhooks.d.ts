/// <reference types="node" />
// Webhook handlers for node:http, Express and Fastify (webhooks.js). No framework's types are
// needed: the Fastify plugin is declared by the shape Fastify calls.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Client, IncomingHeaders } from './index'
import type { TypedNotification } from './models'
import type { WebhookReply } from './generated'
export type { WebhookReply } from './generated'
export { MAX_NOTIFICATION_BYTES, WEBHOOK_REPLIES, WEBHOOK_REPLY_FOR_CODE } from './generated'

/** Your handler: it runs only on a verified notification; throwing (or rejecting) means "not
 * handled", answered with no ack, so Antom delivers it again. */
export type NotificationHandler = (notification: TypedNotification) => unknown

export interface WebhookOptions {
  /** The path the signature covers, when a proxy rewrites it (default: the request's). */
  path?: string
  /** Told of every delivery that is not acked, and why (default: process.emitWarning). */
  onError?: (error: Error, reply: WebhookReply) => void
}

/** Verifies one delivery, runs `handler` and resolves to what to answer Antom; never rejects. */
export function answer(
  client: Client,
  path: string,
  headers: IncomingHeaders,
  body: Buffer | string,
  handler: NotificationHandler,
  options?: Pick<WebhookOptions, 'onError'>,
): Promise<WebhookReply>

/** A request as node:http gives it, or Express (with `req.body` a Buffer under express.raw()). */
export type WebhookRequest = IncomingMessage & { body?: unknown; originalUrl?: string }

/** A `(req, res)` handler for node:http and Express; mount it before any JSON body parser. */
export function handler(client: Client, onNotification: NotificationHandler, options?: WebhookOptions): (req: WebhookRequest, res: ServerResponse) => void

/** The same handler, for `app.post(path, webhooks.express(client, onNotification))`. */
export const express: typeof handler

/** A Fastify plugin: `app.register(webhooks.fastify(client, onNotification, { path: '/antom/notify' }))`. */
export function fastify(
  client: Client,
  onNotification: NotificationHandler,
  options: { path: string; onError?: WebhookOptions['onError'] },
): (instance: any, opts?: unknown) => Promise<void>
