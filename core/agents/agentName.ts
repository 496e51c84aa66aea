import { z } from 'zod';

/** Longest agent name the Agents page shows on one card without breaking the layout. */
export const AGENT_NAME_MAX = 100;

// eslint-disable-next-line no-control-regex -- control characters are exactly what a name must not hold
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * An agent's name as a person types it (adding or renaming an agent): trimmed,
 * not blank, at most 100 characters, and on one line: a tab, line break or other
 * control character would break the card, logs and CSV exports it appears in.
 */
export const agentNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(AGENT_NAME_MAX, `must be at most ${AGENT_NAME_MAX} characters`)
  .refine((name) => !CONTROL.test(name), 'must not contain control characters such as tabs or line breaks');
