// Minimal types for dynalite 4.0.0 (untyped CommonJS): only what the DynamoDB stand-in calls.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  /** An HTTP server speaking DynamoDB's JSON protocol; close() also closes the database. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
