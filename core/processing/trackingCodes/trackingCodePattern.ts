/** A carrier's tracking-code shape. `pattern` must match the whole decoded text. */
export interface TrackingCodePattern {
  readonly carrier: string;
  readonly pattern: string;
}
