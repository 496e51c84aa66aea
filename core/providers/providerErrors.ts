import { PermanentError } from '../errors';

/** The provider no longer accepts a stored changes cursor: the next sync must list everything again. */
export class CursorInvalidError extends PermanentError {
  override readonly name = 'CursorInvalidError';
}
