import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionCatalog, type FunctionSpec } from '../../../functions/catalog';

/** A deployed handler's shape: `handler(event, context)` returning a promise. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LoadedFunction {
  readonly spec: FunctionSpec;
  readonly handler: LambdaHandler;
}

/** What the local stack serves; Cognito triggers run in AWS only. */
const servedKinds: ReadonlySet<FunctionSpec['kind']> = new Set(['http', 'task']);

/**
 * Imports every http and task entry's module — the very file CDK bundles — and
 * takes its exported `handler`. Env must be set before this runs: modules wire
 * their clients from it.
 */
export async function loadCatalogHandlers(repoRoot: string): Promise<Map<string, LoadedFunction>> {
  const loaded = new Map<string, LoadedFunction>();
  for (const spec of functionCatalog.filter((entry) => servedKinds.has(entry.kind))) {
    const module = (await import(pathToFileURL(path.join(repoRoot, spec.entry)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`${spec.entry} does not export a handler function`);
    loaded.set(spec.name, { spec, handler: module.handler as LambdaHandler });
  }
  return loaded;
}
