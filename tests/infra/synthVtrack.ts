import fs from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { functionCatalog, type FunctionSpec } from '../../functions/catalog';
import { createVtrackApp, type VtrackStacks } from '../../infra/aws/createVtrackApp';
import { repoRoot } from '../../infra/aws/repoRoot';

/** A built site with an index.html, for tests that need the site deployment. */
export const fixtureSiteDir = path.join(repoRoot, 'tests', 'infra', 'fixtures', 'site');
export const fixtureHandler = 'tests/infra/fixtures/handler.ts';

/**
 * The real catalogue, except that an entry whose handler file does not exist
 * yet points at a stand-in: names, routes and needs (what the infra tests
 * check) stay the catalogue's own.
 */
export function testCatalog(catalog: readonly FunctionSpec[] = functionCatalog): FunctionSpec[] {
  return catalog.map((spec) => (fs.existsSync(path.join(repoRoot, spec.entry)) ? spec : { ...spec, entry: fixtureHandler }));
}

export interface SynthOptions {
  /** Run esbuild for every function, as `cdk synth` does. Off by default: tests check templates, not bundles. */
  readonly bundle?: boolean;
  readonly siteDir?: string;
  /** Where the agent release is; default a folder that does not exist (no download deployed). */
  readonly agentReleaseDir?: string;
  readonly context?: Record<string, unknown>;
}

export interface SynthesizedVtrack {
  readonly app: App;
  readonly stacks: VtrackStacks;
  readonly templates: { readonly storage: Template; readonly sync: Template; readonly api: Template; readonly web: Template };
}

/**
 * Builds the app exactly as infra/aws/bin/app.ts does (same function, same
 * cdk.json feature flags) and synthesizes it once. Bundling is skipped with
 * CDK's own switch (`aws:cdk:bundling-stacks`), so no esbuild run per test.
 */
export function synthVtrack(options: SynthOptions = {}): SynthesizedVtrack {
  const app = new App({
    // The CloudFormation template validation CDK runs on every synth takes most
    // of its time; appSynth.test.ts runs the real entry point with it on.
    builtinCloudFormationValidation: false,
    stackTraces: false,
    treeMetadata: false,
    context: {
      ...cdkJson.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stacks = createVtrackApp(app, {
    catalog: testCatalog(),
    repoRoot,
    siteDir: options.siteDir ?? fixtureSiteDir,
    agentReleaseDir: options.agentReleaseDir ?? path.join(repoRoot, 'tests', 'infra', 'fixtures', 'no-agent-release'),
  });
  const templates = {
    storage: Template.fromStack(stacks.storage),
    sync: Template.fromStack(stacks.sync),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
  };
  return { app, stacks, templates };
}

let shared: SynthesizedVtrack | undefined;

/**
 * The default app (synthVtrack() without options), synthesized once per module
 * graph. The infra files run without per-file isolation (vitest.config.ts), so
 * the files one worker runs share it instead of each paying for its own synth.
 * For checks that only read the app; a test that changes the construct tree
 * (cdkNag's broken table) or passes options calls synthVtrack() itself.
 */
export function sharedVtrack(): SynthesizedVtrack {
  shared ??= synthVtrack();
  return shared;
}
