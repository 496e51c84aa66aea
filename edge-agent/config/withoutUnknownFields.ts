import type { z } from 'zod';

/** Passes over the candidate at most this many times (one per nesting level is plenty). */
const MAX_PASSES = 8;

/**
 * A configuration with the fields this agent does not know taken out, and their
 * dotted names. The cloud adds fields as the product grows, while an agent at a
 * site can be months older: refusing the whole configuration for a field it
 * cannot use would freeze it on its last one for good. Only unknown *names* are
 * dropped: a bad value of a known field is left for the schema to refuse.
 */
export function withoutUnknownFields(schema: z.ZodType, candidate: unknown): { readonly value: unknown; readonly ignored: readonly string[] } {
  const value: unknown = structuredClone(candidate);
  const ignored: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const result = schema.safeParse(value);
    if (result.success) break;
    const unknown = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
    if (unknown.length === 0) break;
    for (const issue of unknown) {
      const holder = at(value, issue.path);
      if (holder === null) continue;
      for (const key of issue.keys) {
        delete holder[key];
        ignored.push([...issue.path.map(String), key].join('.'));
      }
    }
  }
  return { value, ignored };
}

function at(root: unknown, path: readonly PropertyKey[]): Record<string, unknown> | null {
  let node = root;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : null;
}
