import { randomBytes, randomInt } from 'node:crypto';
import { ENROLMENT_CODE_ALPHABET, ENROLMENT_CODE_LENGTH } from '../../core/agents/agentSecrets';
import type { SecretGenerator } from '../../core/ports/secretGenerator';

/** Codes and credentials from the operating system's CSPRNG. */
export const randomSecrets: SecretGenerator = {
  enrolmentCode: () => Array.from({ length: ENROLMENT_CODE_LENGTH }, () => ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)]).join(''),
  credentialSecret: () => randomBytes(32).toString('base64url'),
};
