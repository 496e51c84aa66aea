/**
 * `GET` and `POST /api/local/sample`, served by the local stack only (`npm
 * start`; in AWS a 404): the sample packing footage offered as a first
 * local-folder source, watched by this machine's own edge agent.
 */
export interface SampleOfferView {
  /** `offered`: not taken yet; `accepted`: its source exists. */
  readonly state: 'offered' | 'accepted';
  readonly sourceId: string | null;
  readonly agentId: string | null;
  /** The tracking codes in the sample, to search for once it is processed. */
  readonly codes: readonly string[];
}
