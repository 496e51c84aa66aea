// SOAP 1.2 envelopes and faults as ONVIF devices send them.

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  ter: 'http://www.onvif.org/ver10/error',
  tse: 'http://www.onvif.org/ver10/search/wsdl',
  trp: 'http://www.onvif.org/ver10/replay/wsdl',
} as const;

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}" xmlns:tds="${NS.tds}" xmlns:trt="${NS.trt}" xmlns:tt="${NS.tt}" xmlns:ter="${NS.ter}" xmlns:tse="${NS.tse}" xmlns:trp="${NS.trp}">` +
    `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

/** A SOAP fault with an ONVIF subcode (ter:NotAuthorized, ter:ActionNotSupported …). */
export function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return envelope(
    '<SOAP-ENV:Fault>' +
      `<SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:${code}</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>${subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
      `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${reason}</SOAP-ENV:Text></SOAP-ENV:Reason>` +
      '</SOAP-ENV:Fault>',
  );
}

/** The first element inside the SOAP Body: the operation asked for (GetProfiles …). */
export function operationOf(xml: string): string | null {
  const body = /<(?:[\w-]+:)?Body\b[^>]*>\s*<(?:[\w-]+:)?([\w]+)/.exec(xml);
  return body?.[1] ?? null;
}

/** Text of the first element with this local name, any prefix. */
export function textOf(xml: string, localName: string): string | null {
  const match = new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([^<]*)</(?:[\\w-]+:)?${localName}>`).exec(xml);
  return match?.[1] ?? null;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
