#!/usr/bin/env node
// `vtrack-agent …`: the edge agent, run through tsx (there is no build step).
import { register } from 'tsx/esm/api';

register();
await import('../edge-agent/bin/vtrackAgent.ts');
