import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../../../../core/errors';
import { EnvelopeSealer, localKeyWrapper } from '../../../../adapters/secrets/envelopeSealer';
import { kmsKeyWrapper } from '../../../../adapters/secrets/kmsKeyWrapper';

const context = { tenantId: 'ten_a', connectionId: 'gc_1' };

describe('EnvelopeSealer with the local master key', () => {
  const sealer = new EnvelopeSealer(localKeyWrapper(randomBytes(32)));

  it('opens what it sealed, and the sealed form does not contain the secret', async () => {
    const sealed = await sealer.seal('1//refresh-token-value', context);

    expect(JSON.stringify(sealed)).not.toContain('refresh-token-value');
    expect(await sealer.open(sealed, context)).toBe('1//refresh-token-value');
  });

  it('refuses to open a secret under another tenant\'s context', async () => {
    const sealed = await sealer.seal('secret', context);
    await expect(sealer.open(sealed, { ...context, tenantId: 'ten_b' })).rejects.toBeInstanceOf(PermanentError);
  });

  it('refuses a tampered ciphertext', async () => {
    const sealed = await sealer.seal('secret', context);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(sealer.open({ ...sealed, ciphertext: bytes.toString('base64') }, context)).rejects.toBeInstanceOf(PermanentError);
  });

  it.each([4, 8, 12, 15])('refuses a secret whose tag was cut to %i bytes', async (length) => {
    const sealed = await sealer.seal('secret', context);
    const tag = Buffer.from(sealed.tag, 'base64').subarray(0, length);

    await expect(sealer.open({ ...sealed, tag: tag.toString('base64') }, context)).rejects.toBeInstanceOf(PermanentError);
  });

  it('refuses a master key of the wrong size', () => {
    expect(() => localKeyWrapper(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('EnvelopeSealer with KMS', () => {
  const kms = mockClient(KMSClient);
  afterEach(() => kms.reset());

  it('asks KMS for a data key with the context, and caches the unwrapped key across opens', async () => {
    // No local KMS stand-in exists: the mock plays KMS, with a fixed data key.
    const dataKey = randomBytes(32);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: dataKey, CiphertextBlob: Buffer.from('wrapped-by-kms') });
    kms.on(DecryptCommand).resolves({ Plaintext: dataKey });
    const sealer = new EnvelopeSealer(kmsKeyWrapper(new KMSClient({ region: 'us-east-1' }), 'arn:aws:kms:us-east-1:111122223333:key/abc'));

    const sealed = await sealer.seal('token', context);
    const first = await sealer.open(sealed, context);
    const second = await sealer.open(sealed, context);

    expect([first, second]).toEqual(['token', 'token']);
    expect(sealed.keyId).toBe('arn:aws:kms:us-east-1:111122223333:key/abc');
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input.EncryptionContext).toEqual(context);
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(1);
  });

  it('reports a KMS refusal as a secret that cannot be opened', async () => {
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: randomBytes(32), CiphertextBlob: Buffer.from('w') });
    kms.on(DecryptCommand).rejects(Object.assign(new Error('AccessDeniedException'), { name: 'AccessDeniedException' }));
    const sealer = new EnvelopeSealer(kmsKeyWrapper(new KMSClient({ region: 'us-east-1' }), 'key'));

    const sealed = await sealer.seal('token', context);

    await expect(sealer.open(sealed, context)).rejects.toBeInstanceOf(PermanentError);
  });
});
