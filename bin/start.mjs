#!/usr/bin/env node
// `npm start`: the whole VTrack system on this machine. TypeScript runs through
// tsx, so there is no build step besides the web app's.
import { register } from 'tsx/esm/api';

register();
await import('../infra/local/cli/startCommand.ts');
