#!/usr/bin/env node
// The `pronto-sync` command: runs central's CLI (TypeScript) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../central/cli.ts');
