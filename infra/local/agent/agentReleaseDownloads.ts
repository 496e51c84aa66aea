import path from 'node:path';
import { agentReleaseFiles } from '../../../core/agents/agentInstallCommand';
import { AGENT_VERSION } from '../../../core/edge/agentVersion';

/** A file the local site serves under /downloads/, with its content type. */
export interface DownloadFile {
  readonly file: string;
  readonly contentType: string;
}

/**
 * The agent release the local stack serves at `/downloads/<tarball>` and
 * `/downloads/<tarball>.sha256`, as CloudFront serves it from the web bucket
 * in AWS. Built on demand: on the first download after the stack started
 * (`npm run agent:release`'s own function, into `<data dir>/downloads/`),
 * then served from there. On demand, because a build costs seconds of CPU
 * that every `npm start` and every test stack would otherwise pay for a
 * download nobody asked for; once per start, because a checkout's agent code
 * changes without its version changing, and the release served must be the
 * code this stack runs. Concurrent first downloads share one build.
 */
export function agentReleaseDownloads(options: { readonly dataDir: string }): (name: string) => Promise<DownloadFile | null> {
  const outDir = path.join(options.dataDir, 'downloads');
  const names = agentReleaseFiles(AGENT_VERSION);
  let built: Promise<unknown> | null = null;
  const build = (): Promise<unknown> => {
    built ??= import('../../../scripts/buildAgentRelease').then(({ buildAgentRelease }) => buildAgentRelease(outDir)).catch((error: unknown) => {
      built = null;
      throw error;
    });
    return built;
  };
  return async (name) => {
    const contentType = name === names.tarball ? 'application/gzip' : name === names.checksum ? 'text/plain; charset=utf-8' : null;
    if (contentType === null) return null;
    await build();
    return { file: path.join(outDir, name), contentType };
  };
}
