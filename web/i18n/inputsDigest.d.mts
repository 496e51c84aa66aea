/** Types for inputsDigest.mjs (plain JS so that node runs it without a build step). */
export declare function inputsDigest(): Promise<string>;
