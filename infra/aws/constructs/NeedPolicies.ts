import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { storageNeeds, type StorageNeed } from './Need';
import { storageNeedStatements, type StorageForNeeds } from './storageNeedStatements';

/**
 * One customer-managed policy per storage need, defined next to the table,
 * bucket and key it grants on. Function roles in other stacks attach the
 * policies their catalogue entry names, so what 'table:read' means is written
 * (and reviewed) once.
 */
export class NeedPolicies extends Construct {
  private readonly policies = new Map<StorageNeed, iam.ManagedPolicy>();

  constructor(scope: Construct, id: string, storage: StorageForNeeds & { readonly footageBucket: s3.Bucket }) {
    super(scope, id);
    for (const need of storageNeeds) {
      const policy = new iam.ManagedPolicy(this, need.replace(/:/g, '-'), {
        description: `VTrack '${need}': what a catalogue function with this need may do`,
        statements: storageNeedStatements(need, storage),
      });
      this.policies.set(need, policy);
    }

    const bucketId = Stack.of(this).getLogicalId(storage.footageBucket.node.defaultChild as s3.CfnBucket);
    for (const need of ['bucket:read', 'bucket:write'] as const) {
      Validations.of(this.policy(need)).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: 'Footage keys start with the tenant id, which is only known per request; the handlers derive it from the verified identity. The wildcard covers objects of the footage bucket only.',
      });
    }
  }

  policy(need: StorageNeed): iam.IManagedPolicy {
    const policy = this.policies.get(need);
    if (!policy) throw new Error(`No managed policy for need '${need}'`);
    return policy;
  }
}
