import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';
import { sharedVtrack, synthVtrack } from './synthVtrack';

const googleFunctions = functionCatalog.filter((spec) => spec.needs.includes('google')).map((spec) => spec.name);

function environmentsOf(template: ReturnType<typeof synthVtrack>['templates']['api']): Record<string, Record<string, unknown>>[] {
  return Object.values(template.findResources('AWS::Lambda::Function')).map(
    (resource) => ((resource as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties.Environment?.Variables ?? {}) as Record<string, Record<string, unknown>>,
  );
}

describe('Google OAuth settings in AWS', () => {
  it('gives the Google-facing functions the client id, the public URL and the name of the secret, never its value, with read access to it', () => {
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
      expect(env['GOOGLE_OAUTH_CLIENT_SECRET_ID']).toBe('vtrack/google-oauth-client-secret');
      expect('GOOGLE_OAUTH_CLIENT_SECRET' in env).toBe(false);
    }
    const templatesJson = JSON.stringify([templates.api.toJSON(), templates.sync.toJSON()]);
    expect(templatesJson).not.toContain('resolve:secretsmanager');
    const reads = [templates.api, templates.sync].flatMap((template) =>
      Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
        ((policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement)
          .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
          .map((statement) => JSON.stringify(statement.Resource)),
      ),
    );
    expect(reads.filter((resource) => resource.includes('secret:vtrack/google-oauth-client-secret-??????'))).toHaveLength(googleFunctions.length);
    templates.api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ GOOGLE_OAUTH_CLIENT_ID: Match.anyValue() }) },
    });
  });

  it('sets nothing Google-related when the operator has not configured it', () => {
    const { templates } = sharedVtrack();
    const leaked = [...environmentsOf(templates.api), ...environmentsOf(templates.sync)].filter((env) => 'GOOGLE_OAUTH_CLIENT_SECRET' in env || 'GOOGLE_OAUTH_CLIENT_SECRET_ID' in env);
    expect(leaked).toEqual([]);
  });

  it('refuses a client id without the public URL Google must send users back to', () => {
    expect(() => synthVtrack({ context: { 'vtrack:googleClientId': 'client-123' } })).toThrow(/vtrack:publicUrl/);
  });
});
