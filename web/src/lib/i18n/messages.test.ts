/**
 * web/messages/en.json and vi.json must say the same things: every key in
 * both, with the same inputs, so no page shows a missing or half-filled
 * string in either language.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as messages from '../../paraglide/messages.js';

type Entry = string | Record<string, string>;

const read = (locale: string): Record<string, Entry> =>
  JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, Entry>;

const en = read('en');
const vi = read('vi');
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** The `{name}` inputs a message uses, over all its plural forms. */
function inputs(entry: Entry): string[] {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/(?<!\\)\{\s*([A-Za-z_]\w*)\s*\}/g)) names.add(match[1] ?? '');
  return [...names].sort();
}

describe('web messages', () => {
  it('has every key in both languages', () => {
    const missingInVi = Object.keys(en).filter((key) => !(key in vi));
    const missingInEn = Object.keys(vi).filter((key) => !(key in en));
    expect({ missingInVi, missingInEn }).toEqual({ missingInVi: [], missingInEn: [] });
  });

  it('names keys in snake_case, as the generated module names its functions', () => {
    expect(Object.keys(en).filter((key) => !/^[a-z][a-z0-9_]*$/.test(key))).toEqual([]);
  });

  it('fills the same inputs in both languages', () => {
    const differing = Object.keys(en)
      .filter((key) => key in vi)
      .filter((key) => inputs(en[key] as Entry).join() !== inputs(vi[key] as Entry).join())
      .map((key) => `${key}: en {${inputs(en[key] as Entry).join(', ')}} vi {${inputs(vi[key] as Entry).join(', ')}}`);
    expect(differing).toEqual([]);
  });

  it('has no empty text, and plural forms only by CLDR category with "other" always there', () => {
    const wrong: string[] = [];
    for (const [locale, file] of [['en', en], ['vi', vi]] as const) {
      for (const [key, entry] of Object.entries(file)) {
        if (typeof entry === 'string') {
          if (entry.trim() === '') wrong.push(`${locale} ${key}: empty`);
          continue;
        }
        if (typeof entry.other !== 'string') wrong.push(`${locale} ${key}: no "other" form`);
        for (const [form, text] of Object.entries(entry)) {
          if (!PLURAL_FORMS.has(form)) wrong.push(`${locale} ${key}: "${form}" is not a plural category`);
          if (typeof text !== 'string' || text.trim() === '') wrong.push(`${locale} ${key}.${form}: empty`);
        }
        if (inputs(entry).includes('count') === false) wrong.push(`${locale} ${key}: a plural message shows {count}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('compiles every key into a message function', () => {
    const compiled = messages as unknown as Record<string, unknown>;
    expect(Object.keys(en).filter((key) => typeof compiled[key] !== 'function')).toEqual([]);
  });
});
