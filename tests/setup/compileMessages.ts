/**
 * Vitest global setup: compiles web/messages into web/src/paraglide once per
 * run, so web unit tests and browser tests see the current strings on a fresh
 * clone too (the output is generated, not committed).
 */
import { runMessageCompiler } from '../../web/i18n/runMessageCompiler';

export default async function setup(): Promise<void> {
  await runMessageCompiler();
}
