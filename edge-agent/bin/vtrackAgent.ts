// The `vtrack-agent` process: wires signals and the standard streams to agentMain.
import { agentMain } from './agentMain';

const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
agentMain(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, stop.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`vtrack-agent: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
