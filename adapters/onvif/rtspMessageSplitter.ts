/** One piece of an RTSP-over-TCP byte stream: a text message (request or response) or an interleaved RTP/RTCP frame. */
export type RtspPiece = { readonly kind: 'message'; readonly head: string; readonly body: Buffer } | { readonly kind: 'frame'; readonly bytes: Buffer };

/**
 * Cuts an RTSP connection's bytes into messages and `$`-framed interleaved
 * data (RFC 2326 §10.12) as they arrive, however TCP chunks them.
 */
export class RtspMessageSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RtspPiece[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const pieces: RtspPiece[] = [];
    for (;;) {
      const buffer = this.pending;
      if (buffer.length === 0) break;
      if (buffer[0] === 0x24) {
        if (buffer.length < 4) break;
        const end = 4 + buffer.readUInt16BE(2);
        if (buffer.length < end) break;
        pieces.push({ kind: 'frame', bytes: buffer.subarray(0, end) });
        this.pending = buffer.subarray(end);
        continue;
      }
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) break;
      const head = buffer.subarray(0, headEnd).toString('utf8');
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? '0');
      if (buffer.length < headEnd + 4 + length) break;
      pieces.push({ kind: 'message', head, body: buffer.subarray(headEnd + 4, headEnd + 4 + length) });
      this.pending = buffer.subarray(headEnd + 4 + length);
    }
    return pieces;
  }
}

/** The value of one header of a message head, or null. */
export function rtspHeader(head: string, name: string): string | null {
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
}
