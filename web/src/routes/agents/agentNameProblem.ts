import { m } from '../../paraglide/messages.js';

/** The API's limit (core/agents/agentName.ts); checked here too so the message comes before a round trip. */
const AGENT_NAME_MAX = 100;

// eslint-disable-next-line no-control-regex -- control characters are exactly what a name must not hold
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What is wrong with a typed agent name, in the page's language, or '' when the API would take it. */
export function agentNameProblem(typed: string): string {
  const name = typed.trim();
  if (name === '') return m.agent_rename_empty();
  if (name.length > AGENT_NAME_MAX) return m.agent_rename_too_long({ max: AGENT_NAME_MAX, count: name.length });
  if (CONTROL.test(name)) return m.agent_rename_one_line();
  return '';
}
