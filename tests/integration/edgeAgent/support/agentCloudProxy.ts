import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The agent's view of the cloud in tests: a loopback HTTP server in front of the
 * local stack that can be stopped and started again on the same port (the
 * cloud down, then back) and counts the part URLs asked for. Everything is
 * forwarded as it came.
 */
export class AgentCloudProxy {
  readonly partRequests: { uploadId: string; partNumber: number }[] = [];
  private server: http.Server | null = null;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The cloud goes away: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (request.url === '/api/agent/uploads/part-url') {
      const parsed = JSON.parse(body.toString('utf8')) as { uploadId: string; partNumber: number };
      this.partRequests.push({ uploadId: parsed.uploadId, partNumber: parsed.partNumber });
    }
    const forwarded = await fetch(new URL(request.url ?? '/', this.target), {
      method: request.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length')),
      ...(body.length > 0 ? { body } : {}),
    });
    response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await forwarded.arrayBuffer()));
  }
}
