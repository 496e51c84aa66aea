import { malformedXml } from './s3Errors';

/**
 * The parts listed in a CompleteMultipartUpload request body:
 * `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"…"</ETag></Part>…`,
 * each part optionally with `<ChecksumCRC32>`.
 * The document has this one fixed shape, so a pattern reads it without an XML
 * library; anything else is MalformedXML, as S3 answers.
 */
export interface CompletedPart {
  partNumber: number;
  /** Without the surrounding quotes. */
  etag: string;
  /** `<ChecksumCRC32>`, when the part lists one. */
  checksumCrc32?: string;
}

export function parseCompletedParts(xml: string): CompletedPart[] {
  if (!/<CompleteMultipartUpload[\s>]/.test(xml)) throw malformedXml();
  const parts: CompletedPart[] = [];
  for (const [, body = ''] of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const partNumber = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(body)?.[1];
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(body)?.[1];
    if (partNumber === undefined || etag === undefined) throw malformedXml();
    const part: CompletedPart = { partNumber: Number(partNumber), etag: decodeEntities(etag).trim().replace(/"/g, '') };
    const crc32 = /<ChecksumCRC32>([\s\S]*?)<\/ChecksumCRC32>/.exec(body)?.[1];
    parts.push(crc32 === undefined ? part : { ...part, checksumCrc32: decodeEntities(crc32).trim() });
  }
  if (parts.length === 0) throw malformedXml();
  return parts;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;|&#34;|&#x22;/gi, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
