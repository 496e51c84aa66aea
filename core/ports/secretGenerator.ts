/** Random secrets are injected like ids, so tests can hand in known ones. */
export interface SecretGenerator {
  /** ENROLMENT_CODE_LENGTH characters of ENROLMENT_CODE_ALPHABET, uniformly random. */
  enrolmentCode(): string;
  /** At least 256 random bits, base64url. */
  credentialSecret(): string;
}
