// require('antom/testing'): the simulator in-process, for your own tests.
import type { Client, ClientOptions } from './index'
import { SimControls } from './generated'

export interface SimulatorOptions {
  /** Antom's redelivery delays multiplied by this (default 0.001: redeliveries in milliseconds). */
  timeScale?: number
  /** How long fault 9902 holds its answer, in milliseconds (default 1500). */
  slowMs?: number
  /** Watch the integration for red-line breaches (`audit()`). */
  audit?: boolean
}

/** The Antom simulator in this process on a free 127.0.0.1 port; `close()` stops it. */
export declare class Simulator extends SimControls {
  constructor(options?: SimulatorOptions)
  /** What `antom sim` prints: url, client_id and the key files. */
  readonly info: { url: string; client_id: string; merchant_private_key_file: string; antom_public_key_file: string; [k: string]: unknown }
  readonly url: string
  readonly clientId: string
  /** A ready client for this simulator. */
  readonly client: Client
  newClient(options?: Partial<ClientOptions>): Client
  close(): void
}
