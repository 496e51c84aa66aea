import { z } from 'zod';

/** `host`, `host:port` or `[v6]:port` as a shop owner types it; port 80 when not given. */
export const cameraAddressSchema = z
  .string()
  .trim()
  .min(1, 'type the camera’s address, such as 192.168.1.64 or 192.168.1.64:8000')
  .max(260, 'must be at most 260 characters')
  .transform((text, ctx) => {
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(text.replace(/^https?:\/\//, '').replace(/\/+$/, ''));
    const port = match?.[3] === undefined ? 80 : Number(match[3]);
    const host = match?.[1] ?? match?.[2];
    if (host === undefined || !(port >= 1 && port <= 65_535)) {
      ctx.addIssue({ code: 'custom', message: 'must be an address such as 192.168.1.64 or 192.168.1.64:8000' });
      return z.NEVER;
    }
    return { host, port };
  });
