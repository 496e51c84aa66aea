import { ValidationError } from '../../core/errors';
import type { HttpRequest } from './httpTypes';

/** Ids this service hands out (`src_…`, `gc_…`) are short and URL-safe; 100 characters leaves room. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A path parameter that must be one of our ids. Anything else (too long, odd
 * characters) is refused naming the parameter, before it reaches a table key.
 */
export function pathId(request: HttpRequest, name: string): string {
  const value = request.pathParameters[name] ?? '';
  if (!ID_PATTERN.test(value)) throw new ValidationError(name, `${name}: must be an id of 1 to 100 letters, digits, _ or -`);
  return value;
}
