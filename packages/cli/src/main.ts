#!/usr/bin/env node
import { runCli } from './program.js';

runCli(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(
    `sandogh: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 70;
});
