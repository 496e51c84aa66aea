import { readdir, readFile, readlink } from 'node:fs/promises';

const O_ACCMODE = 0o3;
const O_RDONLY = 0o0;

/**
 * Paths that some process on this host holds open for writing, read from
 * /proc/<pid>/fd and fdinfo as `fuser` does. Only `candidates` are looked for, so
 * the cost is one readlink per open descriptor, paid once per scan. Returns
 * null where /proc is not there (not Linux): the caller then relies on the quiet
 * period alone. Processes of other users are invisible unless the agent is
 * root; a writer on another machine (an SMB or NFS share) is never visible.
 */
export async function openWriters(candidates: ReadonlySet<string>, procRoot = '/proc'): Promise<Set<string> | null> {
  const found = new Set<string>();
  if (candidates.size === 0) return found;
  let pids: string[];
  try {
    pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`${procRoot}/${pid}/fd`);
    } catch {
      continue; // exited, or not ours to look at
    }
    for (const fd of fds) {
      const target = await readlink(`${procRoot}/${pid}/fd/${fd}`).catch(() => null);
      if (target === null || !candidates.has(target)) continue;
      if (await openedForWriting(`${procRoot}/${pid}/fdinfo/${fd}`)) found.add(target);
    }
  }
  return found;
}

async function openedForWriting(fdinfoPath: string): Promise<boolean> {
  const text = await readFile(fdinfoPath, 'utf8').catch(() => null);
  // Gone before we looked: it no longer holds the file.
  if (text === null) return false;
  const flags = /^flags:\s*([0-7]+)/m.exec(text)?.[1];
  if (flags === undefined) return true;
  return (Number.parseInt(flags, 8) & O_ACCMODE) !== O_RDONLY;
}
