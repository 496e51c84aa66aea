export interface ChangeOptions {
  /** Block edge in pixels. */
  readonly block: number;
  /** Mean absolute difference (grey levels) of a block's sampled pixels above which it changed. */
  readonly threshold: number;
}

export declare const DEFAULT_CHANGE_OPTIONS: ChangeOptions;
export declare function markChangedBlocks(previous: Uint8Array, data: Uint8Array, width: number, height: number, changed: Uint8Array, options?: ChangeOptions): number;
export declare function anyChanged(changed: Uint8Array, width: number, height: number, rect: { x: number; y: number; width: number; height: number }, block: number): boolean;
