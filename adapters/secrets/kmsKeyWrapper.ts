import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SealContext } from '../../core/ports/secretSealer';
import type { KeyWrapper } from './envelopeSealer';

/** AWS KMS as the master key: GenerateDataKey and Decrypt with the context as encryption context. */
export function kmsKeyWrapper(client: KMSClient, keyId: string): KeyWrapper {
  return {
    keyId,
    async generateDataKey(context: SealContext) {
      const result = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }));
      if (!result.Plaintext || !result.CiphertextBlob) throw new Error('KMS returned no data key');
      return { plaintext: result.Plaintext, wrapped: result.CiphertextBlob };
    },
    async unwrap(wrapped: Uint8Array, context: SealContext) {
      const result = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }));
      if (!result.Plaintext) throw new Error('KMS returned no plaintext');
      return result.Plaintext;
    },
  };
}
