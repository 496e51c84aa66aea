// `npm run agent:release [-- --out <dir>]`: the edge agent as one tarball that needs Node.js and
// ffmpeg only, no npm and no node_modules on the site box (see edge-agent/README.md).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { agentReleaseFiles } from '../core/agents/agentInstallCommand';
import { AGENT_VERSION } from '../core/edge/agentVersion';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Bundled CommonJS packages (pino) call require(); an ES module has none, so the bundle makes one. */
const REQUIRE_SHIM = "import { createRequire as vtrackCreateRequire } from 'node:module'; const require = vtrackCreateRequire(import.meta.url);";

/** What the release holds beside the bundle, and where it comes from in the repository. */
const COPIED: readonly [from: string, to: string][] = [
  ['node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', 'zxing_reader.wasm'],
  ['edge-agent/install/install.sh', 'install.sh'],
  ['edge-agent/install/vtrack-agent.service', 'vtrack-agent.service'],
];

export interface AgentRelease {
  /** The tarball: `<outDir>/vtrack-agent-<version>.tar.gz`, holding one folder `vtrack-agent-<version>/`. */
  readonly tarball: string;
  /** Beside it, `<tarball>.sha256`: one line `<hex>  <tarball name>`, as `sha256sum -c` reads it. */
  readonly checksumFile: string;
  readonly sha256: string;
  readonly folder: string;
  readonly files: readonly string[];
}

/**
 * Bundles `vtrack-agent` (edge-agent/bin/vtrackAgent.ts, dependencies
 * included) into one ES module, its barcode worker into another, and packs
 * them with the reader's WebAssembly, the install script and the systemd unit.
 * Every worker the bundle starts (`new URL('./x.mjs', import.meta.url)`) must
 * be in the release, or the build fails.
 */
export async function buildAgentRelease(outDir: string): Promise<AgentRelease> {
  const names = agentReleaseFiles(AGENT_VERSION);
  const folder = names.folder;
  const staging = await mkdtemp(path.join(tmpdir(), 'vtrack-agent-release-'));
  try {
    const dir = path.join(staging, folder);
    await mkdir(dir, { recursive: true });
    const common: BuildOptions = {
      absWorkingDir: repoRoot,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      legalComments: 'eof',
      metafile: true,
      logLevel: 'warning',
    };
    const agent = await build({ ...common, entryPoints: ['edge-agent/bin/vtrackAgent.ts'], outfile: path.join(dir, 'vtrack-agent.mjs'), banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` } });
    const worker = await build({ ...common, entryPoints: ['adapters/barcode/zxingWorker.mjs'], outfile: path.join(dir, 'zxingWorker.mjs'), banner: { js: REQUIRE_SHIM } });
    for (const [from, to] of COPIED) await copyFile(path.join(repoRoot, from), path.join(dir, to));
    await chmod(path.join(dir, 'vtrack-agent.mjs'), 0o755);
    await chmod(path.join(dir, 'install.sh'), 0o755);
    await writeFile(path.join(dir, 'VERSION'), `${AGENT_VERSION}\n`);
    await writeFile(path.join(dir, 'THIRD-PARTY-NOTICES.txt'), await thirdPartyNotices([agent.metafile, worker.metafile]));

    const files = (await readdir(dir)).sort();
    const bundle = await readFile(path.join(dir, 'vtrack-agent.mjs'), 'utf8');
    const missing = [...bundle.matchAll(/new URL\(\s*["'`]\.\/+([^"'`]+)["'`]\s*,\s*import\.meta\.url\s*\)/g)].map((match) => match[1] ?? '').filter((file) => !files.includes(file));
    if (missing.length > 0) throw new Error(`the agent bundle starts ${missing.join(', ')}, which the release does not hold: add it to buildAgentRelease`);

    await mkdir(outDir, { recursive: true });
    const tarball = path.join(path.resolve(outDir), names.tarball);
    const checksumFile = path.join(path.resolve(outDir), names.checksum);
    // Sorted, owned by root, dated 1970: the same code gives the same archive.
    // Written under temporary names and renamed, the checksum last: a site serving outDir never pairs a new tarball with an old checksum for long.
    await promisify(execFile)('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-czf', `${tarball}.part`, '-C', staging, folder]);
    const sha256 = createHash('sha256').update(await readFile(`${tarball}.part`)).digest('hex');
    await writeFile(`${checksumFile}.part`, `${sha256}  ${names.tarball}\n`);
    await rename(`${tarball}.part`, tarball);
    await rename(`${checksumFile}.part`, checksumFile);
    return { tarball, checksumFile, sha256, folder, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The licence of every package bundled, from its own package.json and LICENSE file. */
async function thirdPartyNotices(metafiles: readonly (Metafile | undefined)[]): Promise<string> {
  const roots = new Set<string>();
  for (const input of metafiles.flatMap((metafile) => Object.keys(metafile?.inputs ?? {}))) {
    const root = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    if (root !== undefined) roots.add(path.resolve(repoRoot, root));
  }
  const sections: string[] = [];
  for (const root of [...roots].sort()) {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenceFile = (await readdir(root)).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = licenceFile === undefined ? '' : `\n${(await readFile(path.join(root, licenceFile), 'utf8')).trim()}\n`;
    sections.push(`${manifest.name} ${manifest.version} (${manifest.license ?? 'see the package'})${text}`);
  }
  return `vtrack-agent ${AGENT_VERSION} bundles these packages:\n\n${sections.join('\n---\n\n')}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(repoRoot, 'dist') } } });
  const release = await buildAgentRelease(values.out);
  process.stdout.write(`${release.tarball}\n${release.checksumFile} (sha256 ${release.sha256})\n  ${release.folder}/: ${release.files.join(', ')}\n`);
}
