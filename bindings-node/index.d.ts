/// <reference types="node" />
// Public types of the `antom` package: the precise unions and the error class. Endpoint
// methods, client options and error codes are generated (generated.d.ts).

import type { AttemptEvent, ClientOptions, EndpointMethods, ErrorCode, Notification, OperationMethods, RequestOptions, Response } from './generated'
export { AntomError } from './generated'
export type { AttemptEvent, ClientOptions, Region, EndpointMethods, ErrorCode, Notification, OperationMethods, RequestOptions, Response } from './generated'
export type * from './models'
export type { WebhookReply } from './generated'
/** Webhook handlers for node:http, Express and Fastify (`require('antom').webhooks`). */
export * as webhooks from './webhooks'
/** The functions without a client (the bridge's functions table). */
export * from './functions'

export type ResultStatus = 'S' | 'F' | 'U'

/** Common Antom result codes; any other string may arrive too. */
export type ResultCode =
  | 'SUCCESS'
  | 'PAYMENT_IN_PROCESS'
  | 'UNKNOWN_EXCEPTION'
  | 'PROCESS_FAIL'
  | 'ORDER_NOT_EXIST'
  | 'REPEAT_REQ_INCONSISTENT'
  | 'ACCESS_DENIED'
  | 'INVALID_SIGNATURE'
  | 'KEY_NOT_FOUND'
  | 'CLIENT_INVALID'
  | 'PARAM_ILLEGAL'
  | 'USER_BALANCE_NOT_ENOUGH'
  | 'ORDER_IS_CLOSED'
  | (string & {})


export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }
export type Body = JsonObject | string | Buffer
export type KeyInput = string | Buffer

export const NOTIFICATION_ACK: string

/** Calls `listener` after every attempt of every client (on the event loop); `null` stops. */
export function onAttempt(listener: ((event: AttemptEvent) => void) | null): void

export type IncomingHeaders = Record<string, string | string[] | undefined>

export interface Client extends EndpointMethods, OperationMethods {}
/** Antom API client: every network method returns a Promise and never blocks the event loop.
 * The endpoint methods and the operations (`call`, `inquirePaymentUntilFinal`,
 * `verifyNotification`, ...) are generated from the bridge's tables (generated.d.ts). */
export class Client {
  constructor(options: ClientOptions)
}
