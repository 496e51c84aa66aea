import { pino, type Logger } from 'pino';

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
      redact: {
        paths: ['token', 'password', 'authorization', 'headers.authorization', '*.token', '*.password', '*.refreshToken', '*.accessToken'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
