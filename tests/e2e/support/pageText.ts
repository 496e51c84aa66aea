/**
 * What a person can read on a page, and the checks that it is all in the
 * page's language: every text node that takes space (screen-reader-only text
 * included), labels read aloud (aria-label), placeholders, tooltips, select
 * options and the document title.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** In-page expressions are strings: this file is type-checked without the DOM library. */
const COLLECT = `(() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const text = (node.textContent || '').trim();
    if (!element || text === '' || element.closest('script, style, noscript')) continue;
    if (element.getClientRects().length === 0 && !element.closest('option')) continue;
    out.push(text);
  }
  for (const element of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const value = element.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
})()`;

export function readableTexts(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(COLLECT);
}

type Entry = string | Record<string, string>;
const load = (locale: string): Record<string, Entry> =>
  JSON.parse(readFileSync(new URL(`../../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, Entry>;
const texts = (entry: Entry | undefined): string[] => (entry === undefined ? [] : typeof entry === 'string' ? [entry] : Object.values(entry));

/**
 * The literal pieces of one language's messages that the other language
 * never uses (split at `{inputs}`, at least 4 characters with a letter):
 * if one shows on a page in the other language, that page is half translated.
 */
export function onlyIn(locale: 'en' | 'vi'): string[] {
  const mine = load(locale);
  const other = load(locale === 'en' ? 'vi' : 'en');
  const otherText = Object.values(other).flatMap(texts).join('\n');
  const pieces = new Set<string>();
  for (const entry of Object.values(mine)) {
    for (const text of texts(entry)) {
      for (const piece of text.split(/\{[A-Za-z_]\w*\}/)) {
        const trimmed = piece.trim().replace(/^[\s(),.:;·–—-]+|[\s(),.:;·–—-]+$/g, '');
        if (trimmed.length >= 4 && /\p{L}/u.test(trimmed) && !otherText.includes(trimmed)) pieces.add(trimmed);
      }
    }
  }
  return [...pieces];
}

/**
 * English words that a Vietnamese page has no business showing: catches a
 * string that was never put into the messages at all (and an API message
 * shown as it came). Loanwords Vietnamese uses (clip, camera, email, link)
 * and product names are not in the list.
 */
const ENGLISH_WORDS = /\b(the|and|your|with|are|not|this|for|from|has|have|was|will|you|that|which|when|there|please|found|loading|search|sources?|settings|agents|orders?|files?|every|minutes?|hours?|days?|ago|next|last|runs?|failed|sign|account|password|save|cancel|delete|edit|add|new|none|yet|could|cannot|name|folders?|shared|download|play|pause|speed|frame|zoom|copy|copied|turn|off|works|until|made|packed|skipped|retry|pending|storage|stored|status|waiting|finished|started|problems?|connected|disconnect)\b/i;

export function englishIn(strings: readonly string[]): string[] {
  return strings.filter((text) => ENGLISH_WORDS.test(text));
}
