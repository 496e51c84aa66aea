import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FilesystemStore, KoaContext } from 's3rver';

/**
 * Reads and removes the multipart uploads s3rver keeps on disk. s3rver writes
 * an upload at initiate time to `<bucket>/._S3rver_uploads/<uploadId>/` with a
 * `key` file, a `metadata` file (the initiate request's headers as JSON), and
 * per part `<n>` (the bytes) and `<n>.md5` (hex digest). It deletes the folder
 * when the upload completes. VTrack's extensions add `<n>.crc32` (the part's
 * verified CRC32, base64) for uploads created with `x-amz-checksum-algorithm:
 * CRC32`, written before s3rver stores the part, and set an earlier copy of a
 * part aside as `<n>.earlier*` while a new copy is checked. This class is the
 * one place that knows that layout.
 */
export interface UploadRecord {
  bucket: string;
  uploadId: string;
  key: string;
  initiated: Date;
  directory: string;
}

export interface PartRecord {
  partNumber: number;
  md5Hex: string;
  size: number;
  lastModified: Date;
  /** base64 CRC32 when the part was uploaded with one. */
  checksumCrc32?: string;
}

// s3rver makes upload ids from 16 random bytes in hex; anything else is not an
// upload (and must never reach path.join, where it could climb directories).
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const PART_FILE = /^[1-9][0-9]*$/;

export class MultipartUploadStore {
  constructor(private readonly store: FilesystemStore) {}

  async bucketExists(bucket: string): Promise<boolean> {
    return (await this.store.getBucket(bucket)) !== null;
  }

  async findUpload(bucket: string, uploadId: string): Promise<UploadRecord | undefined> {
    if (!UPLOAD_ID.test(uploadId)) return undefined;
    const directory = path.join(this.uploadsDirectory(bucket), uploadId);
    try {
      const keyFile = path.join(directory, 'key');
      const [key, keyStat] = await Promise.all([readFile(keyFile, 'utf8'), stat(keyFile)]);
      return { bucket, uploadId, key, initiated: keyStat.mtime, directory };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Every upload in progress in the bucket, in S3's order: by key, then by initiation time. */
  async listUploads(bucket: string): Promise<UploadRecord[]> {
    const ids = await readdirOrEmpty(this.uploadsDirectory(bucket));
    const found = await Promise.all(ids.map((id) => this.findUpload(bucket, id)));
    return found
      .filter((upload): upload is UploadRecord => upload !== undefined)
      .sort(
        (a, b) =>
          compareStrings(a.key, b.key) ||
          a.initiated.getTime() - b.initiated.getTime() ||
          compareStrings(a.uploadId, b.uploadId),
      );
  }

  /** The parts uploaded so far, by part number. */
  async listParts(upload: UploadRecord): Promise<PartRecord[]> {
    const names = (await readdirOrEmpty(upload.directory)).filter((name) => PART_FILE.test(name));
    const parts = await Promise.all(
      names.map(async (name): Promise<PartRecord | undefined> => {
        const partFile = path.join(upload.directory, name);
        try {
          const [md5Hex, partStat, crc32] = await Promise.all([
            readFile(`${partFile}.md5`, 'utf8'),
            stat(partFile),
            readOptional(`${partFile}.crc32`),
          ]);
          const part: PartRecord = { partNumber: Number(name), md5Hex: md5Hex.trim(), size: partStat.size, lastModified: partStat.mtime };
          return crc32 === undefined ? part : { ...part, checksumCrc32: crc32.trim() };
        } catch (error) {
          // A part still being written has no .md5 yet; S3 lists only finished parts.
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }),
    );
    return parts.filter((part): part is PartRecord => part !== undefined).sort((a, b) => a.partNumber - b.partNumber);
  }

  /**
   * The `x-amz-checksum-algorithm` the upload was created with (upper case), or
   * null. Asked for every part, and fixed at initiation, so it is read once.
   */
  async checksumAlgorithm(upload: UploadRecord): Promise<string | null> {
    const known = algorithmByUpload.get(upload.directory);
    if (known !== undefined) return known;
    const headers = JSON.parse((await readOptional(path.join(upload.directory, 'metadata'))) ?? '{}') as Record<string, unknown>;
    const algorithm = headers['x-amz-checksum-algorithm'];
    const found = typeof algorithm === 'string' ? algorithm.toUpperCase() : null;
    if (algorithmByUpload.size >= ALGORITHM_CACHE_LIMIT) algorithmByUpload.clear();
    algorithmByUpload.set(upload.directory, found);
    return found;
  }

  async writePartChecksum(upload: UploadRecord, partNumber: number, crc32: string): Promise<void> {
    await writeFile(path.join(upload.directory, `${partNumber}.crc32`), crc32);
  }

  /**
   * Moves the stored copy of a part (bytes, .md5, .crc32), if any, out of the
   * listing, so a new copy can be written in its place and the earlier one
   * put back if the new one is refused. Null when there is no earlier copy.
   */
  async setPartAside(upload: UploadRecord, partNumber: number): Promise<SetAsidePart | null> {
    const files = partFiles(upload, partNumber);
    const moved: string[] = [];
    const moveAside = async (file: string): Promise<boolean> => {
      try {
        await rename(file, `${file}.earlier`);
        moved.push(file);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    };
    // The .md5 makes a part listed: without one there is no finished copy to keep (the usual case, one rename).
    if (!(await moveAside(files.md5))) return null;
    await moveAside(files.crc32);
    await moveAside(files.bytes);
    return {
      // The .md5 back last, so the part is listed again only once whole.
      restore: async () => {
        for (const file of [...moved].reverse()) await rename(`${file}.earlier`, file);
      },
      discard: async () => {
        await Promise.all(moved.map((file) => rm(`${file}.earlier`, { force: true })));
      },
    };
  }

  /** The hex MD5 s3rver wrote beside a stored part, or undefined when the part has none. */
  async storedPartMd5(upload: UploadRecord, partNumber: number): Promise<string | undefined> {
    return (await readOptional(partFiles(upload, partNumber).md5))?.trim();
  }

  /** Removes a part's files: a refused or unfinished copy. */
  async removePart(upload: UploadRecord, partNumber: number): Promise<void> {
    const files = partFiles(upload, partNumber);
    await Promise.all([files.md5, files.crc32, files.bytes].map((file) => rm(file, { force: true })));
  }

  async removeUpload(upload: UploadRecord): Promise<void> {
    await rm(upload.directory, { recursive: true, force: true });
  }

  private uploadsDirectory(bucket: string): string {
    return this.store.getResourcePath(bucket, undefined, 'uploads');
  }
}

const algorithmByUpload = new Map<string, string | null>();
/** Uploads are many in a long local session; the cache is only a shortcut. */
const ALGORITHM_CACHE_LIMIT = 10_000;

const UPLOAD_STATE = 'vtrackUpload';

/** Hands the upload one middleware found to the next ones of the same request. */
export function rememberUpload(ctx: KoaContext, upload: UploadRecord): void {
  ctx.state[UPLOAD_STATE] = upload;
}

/** The upload an earlier middleware found for this request, if any. */
export function rememberedUpload(ctx: KoaContext): UploadRecord | undefined {
  return ctx.state[UPLOAD_STATE] as UploadRecord | undefined;
}

/** An earlier copy of a part, out of the listing until it is put back or dropped. */
export interface SetAsidePart {
  restore(): Promise<void>;
  discard(): Promise<void>;
}

function partFiles(upload: UploadRecord, partNumber: number): { md5: string; crc32: string; bytes: string } {
  const bytes = path.join(upload.directory, String(partNumber));
  return { md5: `${bytes}.md5`, crc32: `${bytes}.crc32`, bytes };
}

/** S3 orders keys by UTF-8 bytes; UTF-16 code-unit order agrees for every key without astral characters. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function readdirOrEmpty(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
