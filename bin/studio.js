#!/usr/bin/env node
// The `studio` command. Loads the TypeScript sources through tsx so that a fresh clone works after
// `npm ci` with no build step; the packaged app bundles the same entry with esbuild instead.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
