import type { CatalogEntry } from './entry.js';

/** Staff accounts, sessions and the access policy (issue 3). */
export const accessProblems = {} as const satisfies Record<string, CatalogEntry>;
