import { connect } from 'node:net';

/** Whether a TCP connection to the endpoint's host and port is accepted. */
export function isListening(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until nothing accepts connections on the endpoint, or the time is up. */
export async function waitUntilClosed(endpoint: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isListening(endpoint))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
