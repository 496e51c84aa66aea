// A parser for the subset of Drive's `q` search language the sync code uses:
//   '<id>' in parents | trashed = true|false | starred = ... |
//   name|mimeType =, !=, contains '<s>' | modifiedTime|createdTime =,!=,<,<=,>,>= '<RFC 3339>'
// joined by and / or / not and parentheses; strings in '...' or "..." with \' \" \\ escapes.
// Anything else is rejected the way Drive rejects it: 400 `invalid` on `q`, so
// a query the real service would refuse fails here too instead of "working".
import { DriveHttpError } from './DriveHttpError';

export type TextField = 'name' | 'mimeType';
export type TimeField = 'modifiedTime' | 'createdTime';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'inParents'; parentId: string }
  | { kind: 'text'; field: TextField; op: '=' | '!=' | 'contains'; value: string }
  | { kind: 'time'; field: TimeField; op: CompareOp; value: number }
  | { kind: 'flag'; field: 'trashed' | 'starred'; op: '=' | '!='; value: boolean };

type Token =
  | { type: 'string'; value: string }
  | { type: 'word'; value: string }
  | { type: 'op'; value: CompareOp }
  | { type: 'paren'; value: '(' | ')' };

function invalid(): DriveHttpError {
  return DriveHttpError.invalidParameter('q');
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'paren', value: c });
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= q.length) throw invalid();
        const ch = q[i] as string;
        if (ch === '\\') {
          const next = q[i + 1];
          if (next === undefined) throw invalid();
          value += next;
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ type: 'string', value });
    } else if ('=!<>'.includes(c)) {
      const two = q.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else if (c === '=' || c === '<' || c === '>') {
        tokens.push({ type: 'op', value: c });
        i++;
      } else {
        throw invalid();
      }
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(q.slice(i));
      if (!match) throw invalid();
      tokens.push({ type: 'word', value: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode {
    const node = this.parseOr();
    if (this.pos !== this.tokens.length) throw invalid();
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw invalid();
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.value.toLowerCase() === word;
  }

  private parseOr(): QueryNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): QueryNode {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): QueryNode {
    if (this.isKeyword('not')) {
      this.pos++;
      return { kind: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (token.type === 'paren' && token.value === '(') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.type !== 'paren' || close.value !== ')') throw invalid();
      return inner;
    }
    if (token.type === 'string') return this.parseMembership(token.value);
    if (token.type === 'word') return this.parseComparison(token.value);
    throw invalid();
  }

  private parseMembership(value: string): QueryNode {
    if (!this.isKeyword('in')) throw invalid();
    this.pos++;
    const collection = this.next();
    // owners, writers, readers are real Drive terms the fake does not model.
    if (collection.type !== 'word' || collection.value !== 'parents') throw invalid();
    return { kind: 'inParents', parentId: value };
  }

  private parseComparison(field: string): QueryNode {
    const opToken = this.next();
    const op: string | undefined =
      opToken.type === 'op' ? opToken.value : opToken.type === 'word' && opToken.value.toLowerCase() === 'contains' ? 'contains' : undefined;
    if (!op) throw invalid();
    const valueToken = this.next();
    if (field === 'name' || field === 'mimeType') {
      if (valueToken.type !== 'string' || !(op === '=' || op === '!=' || op === 'contains')) throw invalid();
      return { kind: 'text', field, op, value: valueToken.value };
    }
    if (field === 'modifiedTime' || field === 'createdTime') {
      if (valueToken.type !== 'string' || op === 'contains') throw invalid();
      const value = Date.parse(valueToken.value);
      if (Number.isNaN(value)) throw invalid();
      return { kind: 'time', field, op: op as CompareOp, value };
    }
    if (field === 'trashed' || field === 'starred') {
      const word = valueToken.type === 'word' ? valueToken.value.toLowerCase() : '';
      if ((op !== '=' && op !== '!=') || (word !== 'true' && word !== 'false')) throw invalid();
      return { kind: 'flag', field, op, value: word === 'true' };
    }
    throw invalid();
  }
}

/** Parses a Drive `q` expression; throws DriveHttpError 400 `invalid` (location `q`) on unsupported syntax. */
export function parseDriveQuery(q: string): QueryNode | undefined {
  const tokens = tokenize(q);
  if (tokens.length === 0) return undefined;
  return new Parser(tokens).parse();
}
