// The registry import's parsing thread (parseWorker.ts), loaded through tsx whatever loader
// the parent runs under (the CLI, the HQ, vitest): the project runs TypeScript without a
// build step.
import { register } from 'tsx/esm/api';

register();
await import('./parseWorker.ts');
