import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Parses input with a zod schema and turns the first problem into a
 * ValidationError naming the field at fault as a dotted path (`config.folderIds`),
 * so the API can say exactly which field is wrong and the web can show it there.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const field = [fieldPrefix, path].filter((part) => part !== '').join('.') || 'body';
  throw new ValidationError(field, issue ? `${field}: ${issue.message}` : `${field} is invalid`);
}
