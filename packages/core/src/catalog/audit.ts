import type { CatalogEntry } from './entry.js';

/** The hash-chained audit log and its checkpoints (issue 3, law 6). */
export const auditProblems = {} as const satisfies Record<string, CatalogEntry>;
