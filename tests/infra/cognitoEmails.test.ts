import { describe, expect, it } from 'vitest';
import { synthVtrack } from './synthVtrack';

type Pool = { Properties: Record<string, Record<string, unknown> | undefined> };

function userPool(context: Record<string, unknown> = {}): Pool {
  const [pool] = Object.values(synthVtrack({ context }).templates.api.findResources('AWS::Cognito::UserPool'));
  return pool as Pool;
}

const VIETNAMESE = /[ạảãàáâầấậẫẩăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/u;

describe('the emails Cognito sends', () => {
  it('are in Vietnamese, then English, with what Cognito must fill in', () => {
    // Act
    const pool = userPool();
    const invite = pool.Properties['AdminCreateUserConfig']?.['InviteMessageTemplate'] as { EmailSubject: string; EmailMessage: string };
    const verify = pool.Properties['VerificationMessageTemplate'] as { DefaultEmailOption: string; EmailSubject: string; EmailMessage: string };
    const policy = pool.Properties['Policies']?.['PasswordPolicy'] as { TemporaryPasswordValidityDays: number };

    // Assess: Cognito refuses a template without its placeholders; Vietnamese comes first.
    expect(invite.EmailMessage).toContain('{username}');
    expect(invite.EmailMessage).toContain('{####}');
    expect(verify.DefaultEmailOption).toBe('CONFIRM_WITH_CODE');
    expect(verify.EmailMessage).toContain('{####}');
    expect(verify.EmailMessage).not.toContain('{username}');
    for (const text of [invite.EmailSubject, invite.EmailMessage, verify.EmailSubject, verify.EmailMessage]) {
      expect(text).toContain('VTrack');
      expect(text.search(VIETNAMESE)).toBeGreaterThanOrEqual(0);
      expect(text.search(VIETNAMESE)).toBeLessThan(text.search(/\b(You|Your|Hello)\b/));
    }
    // The temporary password's stated life is the pool's.
    expect(invite.EmailMessage).toContain(`${policy.TemporaryPasswordValidityDays} ngày`);
    expect(invite.EmailMessage).toContain(`${policy.TemporaryPasswordValidityDays} days`);
    // Without vtrack:emailFrom, Cognito's own sender.
    expect(pool.Properties['EmailConfiguration']?.['EmailSendingAccount'] ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
  });

  it('go out through SES from vtrack:emailFrom when it is set', () => {
    // Act
    const pool = userPool({ 'vtrack:emailFrom': 'no-reply@vtrack.example.com' });

    // Assess
    expect(pool.Properties['EmailConfiguration']).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'VTrack <no-reply@vtrack.example.com>' });
  });

  it('refuses an emailFrom that is not an email address, naming the setting', () => {
    expect(() => synthVtrack({ context: { 'vtrack:emailFrom': 'vtrack.example.com' } })).toThrow(/vtrack:emailFrom/);
  });
});
