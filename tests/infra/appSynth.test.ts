import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { functionCatalog } from '../../functions/catalog';
import { repoRoot } from '../../infra/aws/repoRoot';

const run = promisify(execFile);

type Manifest = { artifacts: Record<string, { type: string }> };
type AssetManifest = { files: Record<string, { source: { path: string; packaging?: string } }> };

/**
 * Runs infra/aws/bin/app.ts the way `npx cdk synth` does (cdk.json context in
 * CDK_CONTEXT_JSON, an output directory in CDK_OUTDIR), with bundling on, no
 * AWS credentials and a Docker that does not exist: what CI and a developer
 * without Docker get. The cdk-nag plugin runs inside, so any finding fails it.
 */
describe('npx cdk synth (infra/aws/bin/app.ts)', () => {
  let outdir: string;
  let result: { stdout: string; stderr: string };

  beforeAll(async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrack-cdk-out-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context),
      CDK_DOCKER: path.join(outdir, 'no-docker-here'),
    };
    result = await run(process.execPath, ['--import', 'tsx', 'infra/aws/bin/app.ts'], { cwd: repoRoot, env, maxBuffer: 32 * 1024 * 1024 });
    // Bundling every function (and copying ffmpeg and ffprobe, ~150 MB, beside ProcessCamera)
    // took over two minutes on a loaded 2-core machine; it is a one-off per run, not a speed goal.
  }, 360_000);

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('synthesizes the four stacks', () => {
    // Act
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([name]) => name)
      .sort();

    // Assess
    expect(stacks).toEqual(['VtrackApi', 'VtrackStorage', 'VtrackSync', 'VtrackWeb']);
  });

  it('bundles every catalogue function locally into one ESM file with a require shim and a source map', () => {
    // Prepare
    const bundles = ['VtrackApi', 'VtrackSync']
      .flatMap((stack) => Object.values((JSON.parse(fs.readFileSync(path.join(outdir, `${stack}.assets.json`), 'utf8')) as AssetManifest).files))
      .map((file) => path.join(outdir, file.source.path))
      .filter((dir) => fs.existsSync(path.join(dir, 'index.mjs')));

    // Assess
    expect(bundles).toHaveLength(functionCatalog.filter((spec) => spec.localOnly !== true).length);
    for (const dir of bundles) {
      const code = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as vtrackCreateRequire } from 'node:module';")).toBe(true);
      expect(fs.existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
    }
  });

  /** The folder CDK zips as the code of the function whose logical id starts with `<name>Function`. */
  function bundleDirOf(stack: string, name: string): string {
    const template = JSON.parse(fs.readFileSync(path.join(outdir, `${stack}.template.json`), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    const assets = JSON.parse(fs.readFileSync(path.join(outdir, `${stack}.assets.json`), 'utf8')) as AssetManifest;
    const [, fn] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`${name}Function`)) ?? [];
    const assetHash = fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '') ?? 'missing';
    return path.join(outdir, assets.files[assetHash]?.source.path ?? 'missing');
  }

  it('produces a Health bundle that loads in Node and exports a handler', async () => {
    // Prepare
    const assetDir = bundleDirOf('VtrackApi', 'Health');

    // Act
    const module = (await import(path.join(assetDir, 'index.mjs'))) as { handler?: unknown };

    // Assess
    expect(typeof module.handler).toBe('function');
  });

  it('puts a self-contained MD5 worker beside the TransferBatch bundle, which hashes in a worker thread', async () => {
    // Prepare: the bundle folder alone, with no node_modules to fall back on.
    const workerFile = path.join(bundleDirOf('VtrackSync', 'TransferBatch'), 'md5Worker.mjs');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrack-md5-worker-'));
    fs.copyFileSync(workerFile, path.join(copy, 'md5Worker.mjs'));
    const { createMD5 } = await import('hash-wasm');
    const empty = (await createMD5()).init().save();
    const bytes = new TextEncoder().encode('VTrack');

    // Act
    const worker = new Worker(path.join(copy, 'md5Worker.mjs'));
    const reply = await new Promise<{ n: number; state?: Uint8Array; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ type: 'add', n: 1, stream: 1, from: empty, bytes });
    });
    await worker.terminate();
    fs.rmSync(copy, { recursive: true, force: true });

    // Assess
    expect(reply.message).toBeUndefined();
    const hex = (await createMD5()).load(reply.state ?? new Uint8Array()).digest('hex');
    expect(hex).toBe(createHash('md5').update(bytes).digest('hex'));
  });

  it('ships ffmpeg, ffprobe and the barcode reader beside the ProcessCamera bundle, runnable with nothing else installed, on x86_64', async () => {
    // Prepare
    const dir = bundleDirOf('VtrackSync', 'ProcessCamera');
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'VtrackSync.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Architectures?: string[] } }>;
    };
    const [, fn] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('ProcessCameraFunction')) ?? [];

    // Act
    const versions = await Promise.all(['ffmpeg', 'ffprobe'].map((tool) => run(path.join(dir, tool), ['-version'], { env: {} })));

    // Assess
    expect(fn?.Properties.Architectures).toEqual(['x86_64']);
    expect(versions.map((v) => v.stdout.split(' ')[0])).toEqual(['ffmpeg', 'ffprobe']);
    for (const tool of ['ffmpeg', 'ffprobe']) expect(fs.statSync(path.join(dir, tool)).mode & 0o111, `${tool} is executable`).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'zxingWorker.mjs'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'zxing_reader.wasm')).size).toBeGreaterThan(100_000);
  });

  it('needs neither Docker nor AWS credentials', () => {
    // Assess
    expect(result.stderr).not.toMatch(/docker/i);
    expect(result.stderr).not.toMatch(/credentials/i);
  });
});
