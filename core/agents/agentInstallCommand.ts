/** Where a site serves the agent release: `/downloads/<tarball>` and its checksum beside it (`<tarball>.sha256`). */
export const AGENT_DOWNLOADS_PATH = '/downloads';

/** The release's file names for a version: the tarball, its SHA-256 file, and the folder the tarball holds. */
export function agentReleaseFiles(version: string): { readonly folder: string; readonly tarball: string; readonly checksum: string } {
  const folder = `vtrack-agent-${version}`;
  return { folder, tarball: `${folder}.tar.gz`, checksum: `${folder}.tar.gz.sha256` };
}

/**
 * The one command a shop owner pastes on a fresh Debian or Ubuntu box: in a
 * new temporary folder it downloads the release and its checksum from the
 * site (wget, which both distributions ship), stops unless `sha256sum -c`
 * says OK, unpacks it, and runs its install script as root with the site and
 * the one-time code (installs Node.js and ffmpeg when missing, the systemd
 * service, enrols, starts). `siteUrl` is the site's origin, e.g.
 * `https://vtrack.example.com`.
 */
export function agentInstallCommand(input: { readonly siteUrl: string; readonly code: string; readonly version: string }): string {
  const site = input.siteUrl.replace(/\/+$/, '');
  const files = agentReleaseFiles(input.version);
  const url = (name: string): string => shellWord(`${site}${AGENT_DOWNLOADS_PATH}/${name}`);
  return [
    'cd "$(mktemp -d)"',
    `wget -q ${url(files.tarball)} ${url(files.checksum)}`,
    `sha256sum -c ${files.checksum}`,
    `tar -xzf ${files.tarball}`,
    `sudo bash ${files.folder}/install.sh --api ${shellWord(site)} --code ${shellWord(input.code)}`,
  ].join(' && ');
}

/** A word the shell reads as it is: left bare when it holds only safe characters, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,\-[\]]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
