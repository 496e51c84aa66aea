import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
};

/**
 * Serves the built web app like CloudFront in front of the web bucket: files as
 * they are, hashed assets cached for good, and index.html for any other path
 * so the single-page app can route it.
 */
export async function serveStatic(webDir: string, pathname: string, response: ServerResponse): Promise<void> {
  const root = path.resolve(webDir);
  const requested = path.resolve(root, `.${decodeOrRoot(pathname)}`);
  const inside = requested === root || requested.startsWith(`${root}${path.sep}`);
  const file = inside && (await isFile(requested)) ? requested : path.join(root, 'index.html');
  if (!(await isFile(file))) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The web app is not built yet. Run `npm run build:web`, then reload.\n');
    return;
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(response);
}

/** A path that is not valid percent-encoding names no file: the app's index.html answers it. */
function decodeOrRoot(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return '/';
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
