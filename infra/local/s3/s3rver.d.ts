// Minimal types for the parts of s3rver 3.7.1 (untyped CommonJS) that the
// S3 stand-in uses. Only what is called is declared.

declare module 's3rver' {
  import type { IncomingMessage, Server } from 'node:http';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    vhostBuckets?: boolean;
    configureBuckets?: ReadonlyArray<{ name: string; configs?: ReadonlyArray<string | Buffer> }>;
  }

  /** s3rver's on-disk store (lib/stores/filesystem.js). */
  export interface FilesystemStore {
    readonly rootDirectory: string;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    getBucket(bucket: string): Promise<object | null>;
    existsObject(bucket: string, key: string): Promise<boolean>;
    /** Writes an object's `metadata.json` (the allowed headers and x-amz-meta-*) and, when given, its `object.md5` (the ETag served). */
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  }

  /** The slice of a Koa 2 context the extensions read and write. */
  export interface KoaContext {
    readonly method: string;
    /** `http://host:port` of the request. */
    readonly origin: string;
    /** Raw (still percent-encoded) path. */
    readonly path: string;
    readonly query: Record<string, string | string[] | undefined>;
    readonly headers: Record<string, string | string[] | undefined>;
    /** The request body s3rver's handlers read (UploadPart pipes it into the part file). */
    req: IncomingMessage;
    readonly store: FilesystemStore;
    /** Koa's per-request scratch space, for middleware to hand values on. */
    readonly state: Record<string, unknown>;
    status: number;
    body: unknown;
    /** Sets a response header. */
    set(name: string, value: string): void;
  }

  export type KoaNext = () => Promise<void>;
  export type KoaMiddleware = (ctx: KoaContext, next: KoaNext) => Promise<void> | void;

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware stack; composed when the server starts listening. */
    readonly middleware: KoaMiddleware[];
    readonly store: FilesystemStore;
    run(): Promise<{ address: string; port: number }>;
    httpServer?: Server;
  }
}

declare module 's3rver/lib/models/error.js' {
  /** s3rver's S3 error: rendered as the S3 XML error body with the code's HTTP status. */
  export default class S3Error extends Error {
    constructor(code: string, message?: string, detail?: Record<string, string | number>);
    readonly code: string;
    readonly status: number;
  }
}
