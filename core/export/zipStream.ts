import { crc32 } from './crc32';

export interface ZipEntry {
  /** Path inside the archive, UTF-8 (the entry is flagged so). */
  readonly name: string;
  readonly modified: Date;
  /** The bytes, read only when the entry's turn comes. */
  data(): AsyncIterable<Uint8Array>;
}

/** Without ZIP64 an archive and each entry stay below 4 GiB; exports are capped well under that. */
export const ZIP_MAX_BYTES = 0xffffffff;

const utf8 = new TextEncoder();

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function header(size: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

/**
 * A ZIP archive written as it is read, entries stored without compression (MP4
 * does not shrink). Each entry's CRC and size follow its data in a data
 * descriptor (flag bit 3), so no entry is ever held whole in memory; the
 * central directory at the end repeats them for readers that start there.
 */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): AsyncGenerator<Uint8Array> {
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = utf8.encode(entry.name);
    const { time, date } = dosDateTime(entry.modified);
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true); // version needed: 2.0
      v.setUint16(6, 0x0808, true); // bit 3: sizes in the descriptor; bit 11: UTF-8 name
      v.setUint16(8, 0, true); // stored
      v.setUint16(10, time, true);
      v.setUint16(12, date, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    yield local;
    let crc = 0;
    let size = 0;
    for await (const chunk of entry.data()) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (offset + local.length + size > ZIP_MAX_BYTES) throw new RangeError('archive would pass 4 GiB, which needs ZIP64');
      yield chunk;
    }
    yield header(16, (v) => {
      v.setUint32(0, 0x08074b50, true);
      v.setUint32(4, crc, true);
      v.setUint32(8, size, true);
      v.setUint32(12, size, true);
    });
    const record = header(46 + name.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 0x0314, true); // made by: Unix, 2.0
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0808, true);
      v.setUint16(10, 0, true);
      v.setUint16(12, time, true);
      v.setUint16(14, date, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, size, true);
      v.setUint32(24, size, true);
      v.setUint16(28, name.length, true);
      v.setUint32(38, (0o100644 << 16) >>> 0, true); // a plain file, rw-r--r--
      v.setUint32(42, offset, true);
    });
    record.set(name, 46);
    central.push(record);
    offset += local.length + size + 16;
    count += 1;
  }
  const directorySize = central.reduce((sum, record) => sum + record.length, 0);
  for (const record of central) yield record;
  yield header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, count, true);
    v.setUint16(10, count, true);
    v.setUint32(12, directorySize, true);
    v.setUint32(16, offset, true);
  });
}
