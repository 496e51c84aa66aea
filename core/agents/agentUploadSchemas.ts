import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an id of 1 to 100 letters, digits, _ or -');
const md5Hex = z.string().regex(/^[0-9a-f]{32}$/, 'must be an MD5 in 32 lower-case hex digits');
/** 5 TiB: the most S3 stores in one object. */
const size = z.number().int().min(0).max(5 * 1024 ** 4, 'must be at most 5 TiB');

/** `POST /api/agent/uploads`: what the agent wants to upload; the cloud chooses the key. */
export const startUploadSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('clip'), sourceId: id, cameraId: z.string().min(1).max(200), eventId: id, size, md5Hex }),
    z.strictObject({
      kind: z.literal('footage'),
      sourceId: id,
      cameraId: z.string().min(1).max(200),
      /** The file's content fingerprint on the agent: the same content keeps its key. */
      fileId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be the file fingerprint'),
      name: z.string().min(1).max(255),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-07-18').nullable(),
      size,
      md5Hex,
    }),
  ],
  { error: 'must be clip or footage' },
);

export const uploadRefSchema = z.strictObject({ uploadId: id });

/** `POST /api/agent/uploads/part-url`. */
export const partUrlSchema = z.strictObject({
  uploadId: id,
  partNumber: z.number().int().min(1).max(10_000),
  /** base64 of the part's MD5 (the Content-MD5 header value). */
  contentMd5: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'must be a base64 MD5 (Content-MD5)'),
});

/** `POST /api/agent/uploads/complete`. */
export const completeUploadSchema = z.strictObject({
  uploadId: id,
  parts: z
    .array(z.strictObject({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().regex(/^"?[0-9a-f]{32}"?$/, 'must be the ETag the store answered') }))
    .min(1)
    .max(10_000),
});

export type StartUploadBody = z.input<typeof startUploadSchema>;
export type PartUrlBody = z.input<typeof partUrlSchema>;
export type CompleteUploadBody = z.input<typeof completeUploadSchema>;
export type UploadRefBody = z.input<typeof uploadRefSchema>;
