import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * A separate process that opens `file` for writing and appends `chunkBytes`
 * every `everyMs` for `chunks` times, then keeps the file open for `holdMs`
 * before closing it and exiting: a camera or a copy over a slow share.
 */
export async function startSlowWriter(file: string, options: { chunks: number; chunkBytes: number; everyMs: number; holdMs: number }): Promise<ChildProcess> {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(process.argv[1], 'a');
    let left = ${options.chunks};
    const tick = () => {
      if (left-- > 0) { fs.writeSync(fd, Buffer.alloc(${options.chunkBytes}, left % 251)); setTimeout(tick, ${options.everyMs}); return; }
      setTimeout(() => { fs.closeSync(fd); process.exit(0); }, ${options.holdMs});
    };
    process.stdout.write('open\\n');
    tick();
  `;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.stdout === null) throw new Error('the writer has no stdout');
  await once(child.stdout, 'data');
  return child;
}
