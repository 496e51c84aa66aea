import type { ReuseOptions } from './zxingPixmapReader.mjs';

export declare const DEFAULT_REUSE: ReuseOptions;
