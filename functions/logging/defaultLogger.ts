import { makeLogger, type Logger } from '../../adapters/logging/logger';

let logger: Logger | undefined;

/** For functions that need no other wiring (health): the level comes from LOG_LEVEL. */
export function defaultLogger(): Logger {
  logger ??= makeLogger(process.env['LOG_LEVEL'] ?? 'info');
  return logger;
}
