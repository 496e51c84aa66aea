import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';
import { sharedVtrack, type SynthesizedVtrack } from './synthVtrack';

interface LifecycleRule {
  Id: string;
  Status: string;
  ExpirationInDays?: number;
  TagFilters?: { Key: string; Value: string }[];
  Prefix?: string;
}

/** The footage bucket: the one whose lifecycle moves footage to Intelligent-Tiering. */
function footageRules(template: Template): LifecycleRule[] {
  const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as { Properties?: { LifecycleConfiguration?: { Rules: LifecycleRule[] } } }[];
  const footage = buckets.find((bucket) => bucket.Properties?.LifecycleConfiguration?.Rules.some((rule) => rule.Id === 'footage-intelligent-tiering'));
  if (footage === undefined) throw new Error('no footage bucket in the storage template');
  return footage.Properties!.LifecycleConfiguration!.Rules;
}

describe('retention in the template', () => {
  let vtrack: SynthesizedVtrack;

  beforeAll(() => {
    vtrack = sharedVtrack();
  });

  it('has one expiration rule per retention class, matched by the vt-retain tag alone, and none for keep, forever or hold', () => {
    // Act
    // Exports expire by a tag of their own (tests/infra/storageStack.test.ts); here only the retention classes.
    const rules = footageRules(vtrack.templates.storage).filter((rule) => rule.ExpirationInDays !== undefined && rule.TagFilters?.some((tag) => tag.Key === 'vtrack-kind') !== true);

    // Assess
    const byTag = Object.fromEntries(rules.map((rule) => [rule.TagFilters?.map((tag) => `${tag.Key}=${tag.Value}`).join(','), rule.ExpirationInDays]));
    expect(byTag).toEqual({
      'vt-retain=footage-7d': 7,
      'vt-retain=footage-14d': 14,
      'vt-retain=footage-30d': 30,
      'vt-retain=footage-60d': 60,
      'vt-retain=footage-90d': 90,
      'vt-retain=clip-30d': 30,
      'vt-retain=clip-90d': 90,
      'vt-retain=clip-180d': 180,
      'vt-retain=clip-365d': 365,
      // The footage of a clips-only source once its clips are cut (core/storage/clippedFootage.ts).
      'vt-retain=footage-clipped': 1,
    });
    for (const rule of rules) {
      expect(rule.Status).toBe('Enabled');
      // No prefix: the rules are the same for every tenant, so their number does not grow with tenants.
      expect(rule.Prefix).toBeUndefined();
    }
    const values = rules.flatMap((rule) => rule.TagFilters?.map((tag) => tag.Value) ?? []);
    expect(values).not.toContain('footage-keep');
    expect(values).not.toContain('clip-forever');
    expect(values).not.toContain('hold');
  });

  it('sends lifecycle deletions of the footage bucket to ObjectExpired through EventBridge', () => {
    // Assess
    const buckets = Object.values(vtrack.templates.storage.findResources('AWS::S3::Bucket')) as { Properties?: { NotificationConfiguration?: unknown; LifecycleConfiguration?: { Rules: LifecycleRule[] } } }[];
    const footage = buckets.find((bucket) => bucket.Properties?.LifecycleConfiguration?.Rules.some((rule) => rule.Id === 'footage-intelligent-tiering'));
    expect(footage?.Properties?.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const rules = Object.values(vtrack.templates.sync.findResources('AWS::Events::Rule')) as { Properties: { EventPattern?: { detail?: { reason?: string[] }; 'detail-type'?: string[] }; Targets: unknown[] } }[];
    const expiry = rules.find((rule) => rule.Properties.EventPattern?.detail?.reason?.includes('Lifecycle Expiration'));
    expect(expiry?.Properties.EventPattern?.['detail-type']).toEqual(['Object Deleted']);
    const target = JSON.stringify(expiry?.Properties.Targets);
    const fnId = Object.keys(vtrack.templates.sync.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('ObjectExpired'));
    expect(fnId).toBeDefined();
    expect(target).toContain(fnId);
  });

  it('lets the functions that store objects tag them, and runs the re-tagging worker every minute', () => {
    // Assess
    for (const name of ['TransferBatch', 'ProcessCamera', 'AgentApi', 'Storage', 'RetagWorker']) {
      expect(functionCatalog.find((spec) => spec.name === name)?.needs).toContain('bucket:write');
    }
    const policies = JSON.stringify(vtrack.templates.storage.findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toContain('s3:PutObjectTagging');
    const rules = Object.values(vtrack.templates.sync.findResources('AWS::Events::Rule')) as { Properties: { ScheduleExpression?: string; Targets: unknown[] } }[];
    const fnId = Object.keys(vtrack.templates.sync.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('RetagWorker'));
    const schedule = rules.find((rule) => JSON.stringify(rule.Properties.Targets).includes(fnId ?? '∅'));
    expect(schedule?.Properties.ScheduleExpression).toBe('rate(1 minute)');
  });
});
