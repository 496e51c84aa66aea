import { Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthVtrack, type SynthesizedVtrack } from './synthVtrack';

interface Acknowledgment {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgmentsIn(root: IConstruct): Acknowledgment[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
    );
}

describe('cdk-nag AwsSolutions', () => {
  let vtrack: SynthesizedVtrack;

  beforeAll(() => {
    vtrack = synthVtrack();
  });

  it('reports no unacknowledged finding, error or warning, in any stack', () => {
    // Act
    const report = new AwsSolutionsChecks(vtrack.app).validateScope(vtrack.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );

    // Assess
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('still finds problems, so a clean report means something', () => {
    // Prepare: the same app with point-in-time recovery switched off on the table
    const broken = synthVtrack();
    const table = broken.stacks.storage.table.node.defaultChild as dynamodb.CfnTable;
    table.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: false };

    // Act
    const report = new AwsSolutionsChecks(broken.app).validateScope(broken.app);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-DDB3']);
  });

  it('gives every acknowledgment a written reason', () => {
    // Act
    const acknowledgments = acknowledgmentsIn(vtrack.app).filter((a) => a.id.startsWith('AwsSolutions-'));

    // Assess
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const acknowledgment of acknowledgments) {
      expect(acknowledgment.reason.length, `${acknowledgment.path} ${acknowledgment.id}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('acknowledges wildcard IAM findings one resource or action at a time, never the whole rule', () => {
    // Act
    const iam = acknowledgmentsIn(vtrack.app).filter((a) => /^AwsSolutions-IAM[45]/.test(a.id));

    // Assess
    expect(iam.length).toBeGreaterThan(0);
    for (const acknowledgment of iam) {
      expect(acknowledgment.id, acknowledgment.path).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Action|Policy)::.+\]$/);
    }
  });

  it('never acknowledges a finding for a whole stack', () => {
    // Act
    const stackLevel = acknowledgmentsIn(vtrack.app).filter((a) => !a.path.includes('/'));

    // Assess
    expect(stackLevel).toEqual([]);
  });
});
