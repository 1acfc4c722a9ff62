#!/usr/bin/env node
// The `kontor` command: registers tsx so the TypeScript sources (and TS entity definitions) run as they are.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
