/**
 * One error shape everywhere (DESIGN §9): `{ code, message: { fa, en }, path?, details? }`,
 * the same in the HTTP API, the CLI and the station. Codes are stable and documented in
 * docs/ERRORS.md, which is generated from `problemCatalog` (see errors.ts).
 */
export interface Bilingual {
  readonly fa: string;
  readonly en: string;
}

/** A JSON path into the input: property names and array indexes. */
export type ProblemPath = readonly (string | number)[];

export interface Problem {
  readonly code: string;
  readonly message: Bilingual;
  readonly path?: ProblemPath;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Renders a path the way people read it: `branches[12].zoneId`. */
export function formatPath(path: ProblemPath | undefined): string {
  if (path === undefined || path.length === 0) return '$';
  let out = '$';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${part}`;
  return out;
}
