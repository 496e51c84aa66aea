import { createRequire } from 'node:module';

export interface AslValidationResult {
  readonly isValid: boolean;
  errorsText(separator?: string): string;
}

type AslValidator = (
  definition: unknown,
  options?: { readonly checkPaths?: boolean; readonly checkArn?: boolean },
) => AslValidationResult;

// asl-validator 4 is CommonJS without type declarations; this is its documented signature.
const require = createRequire(import.meta.url);
export const validateAsl = require('asl-validator') as AslValidator;
