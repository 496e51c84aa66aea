import type { RegionOptions } from './zxingPixmapReader.mjs';

export interface LabelRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly busyBlocks: number;
  /** The busy blocks' box, without the margin. */
  readonly core: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Dominant gradient direction (radians): across the bars of a 1D symbol. */
  readonly angle: number;
  /** 0..1: how strongly that one direction dominates. */
  readonly coherence: number;
}

export declare const DEFAULT_REGION_OPTIONS: RegionOptions;
export declare function findLabelRegions(data: Uint8Array, width: number, height: number, options?: Partial<RegionOptions>): LabelRegion[];
export declare function markBusyBlocks(data: Uint8Array, width: number, height: number, options: RegionOptions, busy: Uint8Array, changed?: Uint8Array): void;
export declare function groupBusyBlocks(busy: Uint8Array, width: number, height: number, options: RegionOptions): Omit<LabelRegion, 'angle' | 'coherence'>[];
export declare function gradientDirection(data: Uint8Array, width: number, rect: { x: number; y: number; width: number; height: number }): { angle: number; coherence: number };
export declare function rotatedSize(rect: { width: number; height: number }, angle: number): { width: number; height: number };
export declare function rotateInto(
  data: Uint8Array, width: number, height: number,
  rect: { x: number; y: number; width: number; height: number }, angle: number,
  out: Uint8Array, size: { width: number; height: number },
): (u: number, v: number) => { x: number; y: number };
