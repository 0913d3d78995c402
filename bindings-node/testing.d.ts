// require('antom/testing'): the simulator in-process, for your own tests.
import type { Client, ClientOptions } from './index'
import { SimControls, SimulatorOptions } from './generated'
export type { SimulatorOptions } from './generated'

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
