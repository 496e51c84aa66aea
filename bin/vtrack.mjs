#!/usr/bin/env node
// `npx vtrack …`: runs the TypeScript CLI directly through tsx (there is no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
