/**
 * Cameras behind NAT or with a stale network setting name a private or wrong
 * host in their stream and snapshot URIs (and service addresses). The agent
 * reached the device at `host`, so it uses that host and keeps the URI's own
 * port, path and query.
 */
export function rewriteHost(uri: string, host: string): string {
  const url = new URL(uri);
  url.hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  url.username = '';
  url.password = '';
  return url.toString();
}
