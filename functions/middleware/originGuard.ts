import { timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../../core/errors';
import { readSecretThroughExtension } from '../../adapters/secrets/lambdaSecretsExtension';
import { readOriginVerifySecretId } from '../config';
import type { HttpEvent } from './httpTypes';

/** The header CloudFront adds to every request it forwards to the API (infra/aws/stacks/WebStack.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

export type OriginGuard = (event: HttpEvent) => Promise<void>;

/**
 * Keeps the API to requests that came through the site's CloudFront
 * distribution: CloudFront adds a secret header the caller never sees, and a
 * request without it (someone calling the `execute-api` endpoint directly) is
 * answered 404 before any route runs. `loadSecret` null (local mode, no edge
 * in front) lets everything through. The secret is read once per warm function.
 */
export function makeOriginGuard(loadSecret: (() => Promise<string>) | null): OriginGuard {
  let expected: Promise<Buffer> | undefined;
  return async (event) => {
    if (loadSecret === null) return;
    expected ??= loadSecret().then(
      (value) => Buffer.from(value, 'utf8'),
      (error: unknown) => {
        expected = undefined;
        throw error;
      },
    );
    const key = await expected;
    const given = Buffer.from(event.headers?.[ORIGIN_VERIFY_HEADER] ?? '', 'utf8');
    if (given.length !== key.length || !timingSafeEqual(given, key)) {
      throw new NotFoundError("this API answers only through the site's own address");
    }
  };
}

let fromEnvironment: { secretId: string | null; guard: OriginGuard } | undefined;

/** The guard for this function's environment (`ORIGIN_VERIFY_SECRET_ID`, read through the Secrets extension). */
export function originGuardFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): OriginGuard {
  const secretId = readOriginVerifySecretId(env);
  if (fromEnvironment?.secretId !== secretId) {
    fromEnvironment = { secretId, guard: makeOriginGuard(secretId === null ? null : () => readSecretThroughExtension(secretId, env['AWS_SESSION_TOKEN'])) };
  }
  return fromEnvironment.guard;
}
