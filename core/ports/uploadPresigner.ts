/**
 * Short-lived URLs for one part of a multipart upload, so an edge agent sends
 * its bytes straight to the object store without holding any store credential.
 * The part's MD5 is signed into the URL: the request must carry exactly that
 * `Content-MD5`, and the store refuses a body that does not match it.
 */
export interface UploadPresigner {
  presignPart(input: { key: string; uploadId: string; partNumber: number; contentMd5: string; expiresInSeconds: number }): Promise<string>;
}
