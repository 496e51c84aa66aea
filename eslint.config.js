// Lint rules for the whole repository: TypeScript everywhere, Svelte in web/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** A host imports core and adapters, never another host nor the deployment code. */
function hostPattern(others) {
  return { regex: String.raw`(^|/)(${others})(/|$)`, message: 'hosts import core and adapters, never another host nor infra/.' };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'cdk.out/', 'web/dist/', 'web/src/paraglide/', '.vtrack/', 'coverage/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // The CLI, the local stack launcher and tests talk to a terminal on purpose.
    files: ['bin/**', 'cli/**', 'infra/local/**', 'tests/**', 'edge-agent/bin/**'],
    rules: { 'no-console': 'off' },
  },
  // Import boundaries: core ← adapters ← hosts (functions, cli, edge-agent; web by types only).
  // Arrows point one way so any host can reuse core and adapters without pulling another host in.
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'core is pure: hosts read the environment and pass values in.' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: String.raw`^node:(fs|fs/promises|child_process|net|http|https|http2|dgram|dns|tls|os|worker_threads|cluster|readline|process|stream|stream/promises)$`, message: 'core does no I/O: put it behind a port in adapters/.' },
        { regex: String.raw`^(@aws-sdk/|googleapis|google-auth-library|gaxios|aws-lambda|@middy/|onvif|pino|zxing-wasm)`, message: 'core imports no SDK or client library: that belongs in adapters/.' },
        { regex: String.raw`(^|/)(adapters|functions|cli|edge-agent|infra|web|bin)(/|$)`, message: 'core imports no adapter and no host.' },
      ] }],
    },
  },
  {
    files: ['adapters/**/*.ts', 'adapters/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: String.raw`(^|/)(functions|cli|edge-agent|infra|web|bin)(/|$)`, message: 'adapters import core only, never a host.' },
      ] }],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [hostPattern('cli|edge-agent|infra|web|bin')] }] },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [hostPattern('functions|edge-agent|infra|web|bin')] }] },
  },
  {
    files: ['edge-agent/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [hostPattern('functions|cli|infra|web|bin')] }] },
  },
  {
    // The web app is a static site: the API's wire types come from core as types, nothing else crosses.
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: String.raw`(^|/)core(/|$)`, allowTypeImports: true, message: 'web imports core with `import type` only.' },
        { regex: String.raw`(^|/)(adapters|functions|cli|edge-agent|infra|bin)(/|$)`, message: 'web imports no adapter and no host.' },
      ] }],
    },
  },
  {
    // The site's CSP (script-src 'self') refuses the eval that Playwright's waitForFunction runs in the page.
    files: ['tests/e2e/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='waitForFunction']",
        message: 'the CSP refuses waitForFunction: poll with expect.poll and locator.evaluate instead.',
      }],
    },
  },
);
