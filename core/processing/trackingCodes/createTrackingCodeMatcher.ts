import { ValidationError } from '../../errors';
import type { TrackingCodePattern } from './trackingCodePattern';

export interface TrackingCodeMatch {
  readonly code: string;
  readonly carrier: string;
}

export type TrackingCodeMatcher = (text: string) => TrackingCodeMatch | null;

/**
 * Compiles carrier patterns once into a matcher. Each pattern must match the whole
 * trimmed text (anchored here, so a pattern author cannot forget it); the first
 * carrier that matches wins. A bad regular expression fails fast with its index.
 */
export function createTrackingCodeMatcher(patterns: readonly TrackingCodePattern[]): TrackingCodeMatcher {
  if (patterns.length === 0) {
    throw new ValidationError('trackingCodePatterns', 'at least one tracking-code pattern is needed');
  }
  const compiled = patterns.map(({ carrier, pattern }, index) => {
    try {
      return { carrier, regex: new RegExp(`^(?:${pattern})$`, 'u') };
    } catch (cause) {
      throw new ValidationError(`trackingCodePatterns.${index}`, `not a valid regular expression: ${pattern}`, {
        cause,
        context: { carrier },
      });
    }
  });
  return (text) => {
    const code = text.trim();
    if (code.length === 0 || code.length > 64) return null;
    const hit = compiled.find(({ regex }) => regex.test(code));
    return hit ? { code, carrier: hit.carrier } : null;
  };
}
