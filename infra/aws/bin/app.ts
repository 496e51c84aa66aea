/**
 * CDK entry point (cdk.json: `npx tsx infra/aws/bin/app.ts`). Env-agnostic:
 * the account and region come from the credentials at deploy time, and synth
 * needs neither credentials nor Docker.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { functionCatalog } from '../../../functions/catalog';
import { createVtrackApp } from '../createVtrackApp';
import { repoRoot } from '../repoRoot';

const app = new App();
createVtrackApp(app, { catalog: functionCatalog, repoRoot });
// cdk-nag 3 runs as a CDK validation plugin: any unacknowledged AwsSolutions
// finding (error or warning) stops synth, so nothing unreviewed is deployed.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
