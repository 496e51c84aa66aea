// The inlang plugin that reads web/messages/{locale}.json for Paraglide.
//
// Why our own: inlang's stock JSON plugin is loaded from a CDN at compile
// time, and builds here (CI included) reach only the npm registry. The SDK
// also loads a plugin given as a path relative to project.inlang/, as plain
// text turned into a module, so this file imports nothing.
//
// The file format (flat keys, one per message):
//   "sources_title": "Sources"                          plain text
//   "run_files": "{count} files in {folder}"            {name} is an input
//   "files_count": { "one": "{count} file", "other": "{count} files" }
//                                                       plural by CLDR category of `count`
// `{count}` is always shown as a number in the locale ("1,234" / "1.234").
// Write `\{` for a literal brace.

const KEY = 'plugin.vtrack.messages';
const PLURAL = 'countPlural';
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

function parsePattern(text) {
  const pattern = [];
  const inputs = [];
  let buffer = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\' && (text[i + 1] === '{' || text[i + 1] === '}' || text[i + 1] === '\\')) {
      buffer += text[i + 1];
      i += 1;
      continue;
    }
    const end = char === '{' ? text.indexOf('}', i) : -1;
    const name = end > i ? text.slice(i + 1, end).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      buffer += char;
      continue;
    }
    if (buffer !== '') pattern.push({ type: 'text', value: buffer });
    buffer = '';
    inputs.push(name);
    const expression = { type: 'expression', arg: { type: 'variable-reference', name } };
    if (name === 'count') expression.annotation = { type: 'function-reference', name: 'number', options: [] };
    pattern.push(expression);
    i = end;
  }
  if (buffer !== '') pattern.push({ type: 'text', value: buffer });
  return { pattern, inputs };
}

function importMessage(key, locale, value) {
  if (typeof value === 'string') {
    const { pattern, inputs } = parsePattern(value);
    return {
      inputs,
      declarations: [],
      message: { bundleId: key, locale, selectors: [] },
      variants: [{ messageBundleId: key, messageLocale: locale, matches: [], pattern }],
    };
  }
  if (value === null || typeof value !== 'object' || typeof value.other !== 'string') {
    throw new Error(`${locale}.json: "${key}" must be a text, or an object of plural forms with at least "other"`);
  }
  const inputs = ['count'];
  const variants = [];
  for (const category of CATEGORIES) {
    if (typeof value[category] !== 'string') continue;
    const parsed = parsePattern(value[category]);
    inputs.push(...parsed.inputs);
    const match = category === 'other'
      ? { type: 'catchall-match', key: PLURAL }
      : { type: 'literal-match', key: PLURAL, value: category };
    variants.push({ messageBundleId: key, messageLocale: locale, matches: [match], pattern: parsed.pattern });
  }
  // The catch-all goes last: variants are tried in order.
  variants.sort((a, b) => (a.matches[0].type === 'catchall-match') - (b.matches[0].type === 'catchall-match'));
  const plural = {
    type: 'local-variable',
    name: PLURAL,
    value: {
      type: 'expression',
      arg: { type: 'variable-reference', name: 'count' },
      annotation: { type: 'function-reference', name: 'plural', options: [] },
    },
  };
  return {
    inputs,
    declarations: [plural],
    message: { bundleId: key, locale, selectors: [{ type: 'variable-reference', name: PLURAL }] },
    variants,
  };
}

export default {
  key: KEY,
  toBeImportedFiles: ({ settings }) => {
    const pathPattern = settings[KEY]?.pathPattern;
    if (typeof pathPattern !== 'string') return [];
    return settings.locales.map((locale) => ({ locale, path: pathPattern.replace('{locale}', locale) }));
  },
  importFiles: ({ files }) => {
    const bundles = new Map();
    const messages = [];
    const variants = [];
    for (const file of files) {
      const json = JSON.parse(new TextDecoder().decode(file.content));
      for (const [key, value] of Object.entries(json)) {
        if (key === '$schema') continue;
        const imported = importMessage(key, file.locale, value);
        const bundle = bundles.get(key) ?? { id: key, declarations: [] };
        const known = new Set(bundle.declarations.map((declaration) => declaration.name));
        for (const name of imported.inputs) {
          if (!known.has(name)) bundle.declarations.push({ type: 'input-variable', name });
          known.add(name);
        }
        for (const declaration of imported.declarations) {
          if (!known.has(declaration.name)) bundle.declarations.push(declaration);
          known.add(declaration.name);
        }
        bundles.set(key, bundle);
        messages.push(imported.message);
        variants.push(...imported.variants);
      }
    }
    return { bundles: [...bundles.values()], messages, variants };
  },
};
