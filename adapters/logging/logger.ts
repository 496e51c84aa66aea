import { pino, type Logger } from 'pino';
import { serializeError } from './serializeError';

/**
 * Structured JSON logs with tenant, source and run ids as keys. Anything that
 * could carry a credential is redacted by path, so a careless log line cannot
 * leak a token or a password.
 */
export function makeLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vtrack' },
      serializers: { err: serializeError, error: serializeError },
      redact: {
        paths: [
          'token',
          'password',
          'authorization',
          'refreshToken',
          'accessToken',
          'headers.authorization',
          '*.token',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.refresh_token',
          '*.access_token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
