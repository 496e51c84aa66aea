import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FilesystemStore } from 's3rver';

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

  /** The `x-amz-checksum-algorithm` the upload was created with (upper case), or null. */
  async checksumAlgorithm(upload: UploadRecord): Promise<string | null> {
    const headers = JSON.parse((await readOptional(path.join(upload.directory, 'metadata'))) ?? '{}') as Record<string, unknown>;
    const algorithm = headers['x-amz-checksum-algorithm'];
    return typeof algorithm === 'string' ? algorithm.toUpperCase() : null;
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
    const moved: Array<[from: string, to: string]> = [];
    for (const file of files) {
      try {
        await rename(file, `${file}.earlier`);
        moved.push([file, `${file}.earlier`]);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    if (moved.length === 0) return null;
    return {
      restore: async () => {
        for (const [file, aside] of moved) await rename(aside, file);
      },
      discard: async () => {
        await Promise.all(moved.map(([, aside]) => rm(aside, { force: true })));
      },
    };
  }

  /** Removes a part's files: a refused or unfinished copy. */
  async removePart(upload: UploadRecord, partNumber: number): Promise<void> {
    await Promise.all(partFiles(upload, partNumber).map((file) => rm(file, { force: true })));
  }

  async removeUpload(upload: UploadRecord): Promise<void> {
    await rm(upload.directory, { recursive: true, force: true });
  }

  private uploadsDirectory(bucket: string): string {
    return this.store.getResourcePath(bucket, undefined, 'uploads');
  }
}

/** An earlier copy of a part, out of the listing until it is put back or dropped. */
export interface SetAsidePart {
  restore(): Promise<void>;
  discard(): Promise<void>;
}

/** The bytes file last, so a restored part has its .md5 before it can be listed. */
function partFiles(upload: UploadRecord, partNumber: number): string[] {
  const bytes = path.join(upload.directory, String(partNumber));
  return [`${bytes}.md5`, `${bytes}.crc32`, bytes];
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
