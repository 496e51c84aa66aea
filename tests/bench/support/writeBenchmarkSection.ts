import { readFile, writeFile } from 'node:fs/promises';

/**
 * Replaces one named section of docs/BENCHMARKS.md between its markers
 * (`<!-- name:start -->` … `<!-- name:end -->`), or appends it, leaving every
 * other benchmark's section as it is.
 */
export async function writeBenchmarkSection(path: string, name: string, section: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const block = `${start}\n${section.trimEnd()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from !== -1 && to > from ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(path, next);
}
