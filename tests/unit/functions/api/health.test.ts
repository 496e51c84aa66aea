import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler, parseHealthProbes } from '../../../../functions/api/health';
import { defaultLogger } from '../../../../functions/logging/defaultLogger';
import type { HttpEvent, HttpResult } from '../../../../functions/middleware/httpTypes';

const event = { routeKey: 'GET /api/health', rawPath: '/api/health', headers: {}, requestContext: {} } as unknown as HttpEvent;

describe('GET /api/health', () => {
  let server: Server;
  let up = '';
  let down = '';

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(400).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    up = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port that was listening and is closed again: nothing answers there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    down = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = async (probes: string | undefined): Promise<HttpResult> => {
    const handler = makeHandler({ logger: defaultLogger, probes: () => parseHealthProbes(probes) });
    return (await handler(event, {} as Context)) as HttpResult;
  };

  it('answers ok without asking anything when no stand-ins are named (AWS)', async () => {
    const result = await call(undefined);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(String(result.body))).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the stand-in that does not answer, and the others up', async () => {
    const result = await call(`s3=${down},dynamodb=${up}`);
    expect(result.statusCode).toBe(503);
    const body = JSON.parse(String(result.body)) as { status: string; standIns: Record<string, string> };
    expect(body.status).toBe('unavailable');
    expect(body.standIns['dynamodb']).toBe('up');
    expect(body.standIns['s3']).toMatch(/^down: .*ECONNREFUSED/);
  });
});
