// Evaluates a parsed `q` against one item, and finds the parent a query is
// pinned to so listing a folder does not scan the whole tree.
import type { QueryNode } from './parseDriveQuery';
import type { DriveItem } from './types';

export interface QueryContext {
  /** Resolves the 'root' alias (and any other alias) to a real id. */
  resolveId(id: string): string;
}

function nameContains(name: string, value: string): boolean {
  // Drive matches `name contains` on word prefixes, not arbitrary substrings.
  const needle = value.toLowerCase();
  const haystack = name.toLowerCase();
  if (haystack.startsWith(needle)) return true;
  return haystack.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(needle));
}

function compare(left: number, op: string, right: number): boolean {
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

export function evaluateDriveQuery(node: QueryNode, item: DriveItem, ctx: QueryContext): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateDriveQuery(node.left, item, ctx) && evaluateDriveQuery(node.right, item, ctx);
    case 'or':
      return evaluateDriveQuery(node.left, item, ctx) || evaluateDriveQuery(node.right, item, ctx);
    case 'not':
      return !evaluateDriveQuery(node.operand, item, ctx);
    case 'inParents':
      return item.parents.includes(ctx.resolveId(node.parentId));
    case 'text': {
      const actual = node.field === 'name' ? item.name : item.mimeType;
      if (node.op === '=') return actual === node.value;
      if (node.op === '!=') return actual !== node.value;
      return node.field === 'name' ? nameContains(actual, node.value) : actual.includes(node.value);
    }
    case 'time': {
      const actual = Date.parse(node.field === 'modifiedTime' ? item.modifiedTime : item.createdTime);
      return compare(actual, node.op, node.value);
    }
    case 'flag': {
      const actual = node.field === 'trashed' ? item.trashed : false;
      return node.op === '=' ? actual === node.value : actual !== node.value;
    }
  }
}

/** The parent id every match must have, when the query is a conjunction containing `'<id>' in parents`. */
export function pinnedParent(node: QueryNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'inParents') return node.parentId;
  if (node.kind === 'and') return pinnedParent(node.left) ?? pinnedParent(node.right);
  return undefined;
}
