// Partial responses: Google's `fields` selector, e.g.
//   "nextPageToken, files(id,name,parents,shortcutDetails/targetId)" or "*".
// Parsed into a tree, then applied to the full JSON a handler builds. Selecting
// only `files(...)` drops nextPageToken, exactly the paging bug Drive punishes.
import { DriveHttpError } from './DriveHttpError';

export type FieldTree = Map<string, FieldTree | true>;

function invalidFields(fields: string): DriveHttpError {
  return DriveHttpError.invalidParameter('fields', `Invalid field selection ${fields}`);
}

function merge(tree: FieldTree, path: string[], sub: FieldTree | true): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = tree.get(head);
    if (existing instanceof Map && sub instanceof Map) for (const [k, v] of sub) existing.set(k, v);
    else if (existing !== true) tree.set(head, sub);
    return;
  }
  let child = tree.get(head);
  if (child === true) return; // already selected whole
  if (!child) {
    child = new Map();
    tree.set(head, child);
  }
  merge(child, rest, sub);
}

/** Parses a `fields` selector; throws 400 `invalid` on malformed syntax. */
export function parseFields(fields: string): FieldTree {
  let pos = 0;
  const src = fields;

  const parseList = (closing: boolean): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      while (src[pos] === ' ') pos++;
      const match = /^(\*|[A-Za-z_][A-Za-z0-9_]*)(\/(\*|[A-Za-z_][A-Za-z0-9_]*))*/.exec(src.slice(pos));
      if (!match) throw invalidFields(fields);
      pos += match[0].length;
      const path = match[0].split('/');
      while (src[pos] === ' ') pos++;
      let sub: FieldTree | true = true;
      if (src[pos] === '(') {
        pos++;
        sub = parseList(true);
      }
      merge(tree, path, sub);
      while (src[pos] === ' ') pos++;
      if (src[pos] === ',') {
        pos++;
        continue;
      }
      if (closing) {
        if (src[pos] !== ')') throw invalidFields(fields);
        pos++;
      } else if (pos !== src.length) {
        throw invalidFields(fields);
      }
      return tree;
    }
  };

  return parseList(false);
}

/** Applies a field tree to a JSON value; arrays project element-wise. */
export function projectFields(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((element) => projectFields(element, tree));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const star = tree.get('*');
  const out: Record<string, unknown> = {};
  const keys = star ? Object.keys(source) : [...tree.keys()];
  for (const key of keys) {
    if (!(key in source) || source[key] === undefined) continue;
    const sub = tree.get(key) ?? star;
    out[key] = sub === true || sub === undefined ? source[key] : projectFields(source[key], sub);
  }
  return out;
}

/** Whether the selection includes a path (used to compute expensive fields, such as md5, only on demand). */
export function selects(tree: FieldTree, path: string[]): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return true;
  const sub = tree.get(head) ?? tree.get('*');
  if (sub === undefined) return false;
  if (sub === true) return true;
  return selects(sub, rest);
}
