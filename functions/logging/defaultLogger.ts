import { makeLogger, type Logger } from '../../adapters/logging/logger';
import { readLogLevel } from '../config';

let logger: Logger | undefined;

/** For functions that need no other wiring (health): the level comes from LOG_LEVEL, checked by the host's config. */
export function defaultLogger(): Logger {
  logger ??= makeLogger(readLogLevel(process.env));
  return logger;
}
