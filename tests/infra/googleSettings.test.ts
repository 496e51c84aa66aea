import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';
import { synthVtrack } from './synthVtrack';

const googleFunctions = functionCatalog.filter((spec) => spec.needs.includes('google')).map((spec) => spec.name);

function environmentsOf(template: ReturnType<typeof synthVtrack>['templates']['api']): Record<string, Record<string, unknown>>[] {
  return Object.values(template.findResources('AWS::Lambda::Function')).map(
    (resource) => ((resource as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties.Environment?.Variables ?? {}) as Record<string, Record<string, unknown>>,
  );
}

describe('Google OAuth settings in AWS', () => {
  it('gives the Google-facing functions the client id, the public URL and the secret as a deploy-time Secrets Manager reference', () => {
    // Prepare
    const { templates } = synthVtrack({
      context: { 'vtrack:googleClientId': 'client-123.apps.googleusercontent.com', 'vtrack:publicUrl': 'https://vtrack.example.com' },
    });

    // Act
    const withGoogle = [...environmentsOf(templates.api), ...environmentsOf(templates.sync)].filter((env) => 'GOOGLE_OAUTH_CLIENT_ID' in env);

    // Assess
    expect(googleFunctions.length).toBeGreaterThanOrEqual(4);
    expect(withGoogle).toHaveLength(googleFunctions.length);
    for (const env of withGoogle) {
      expect(env['GOOGLE_OAUTH_CLIENT_ID']).toBe('client-123.apps.googleusercontent.com');
      expect(env['PUBLIC_URL']).toBe('https://vtrack.example.com');
      expect(JSON.stringify(env['GOOGLE_OAUTH_CLIENT_SECRET'])).toMatch(/\{\{resolve:secretsmanager:vtrack\/google-oauth-client-secret:SecretString:::\}\}/);
    }
    templates.api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ GOOGLE_OAUTH_CLIENT_ID: Match.anyValue() }) },
    });
  });

  it('sets nothing Google-related when the operator has not configured it', () => {
    const { templates } = synthVtrack();
    const leaked = [...environmentsOf(templates.api), ...environmentsOf(templates.sync)].filter((env) => 'GOOGLE_OAUTH_CLIENT_SECRET' in env);
    expect(leaked).toEqual([]);
  });

  it('refuses a client id without the public URL Google must send users back to', () => {
    expect(() => synthVtrack({ context: { 'vtrack:googleClientId': 'client-123' } })).toThrow(/vtrack:publicUrl/);
  });
});
