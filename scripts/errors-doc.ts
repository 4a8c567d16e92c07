// Writes docs/ERRORS.md from the one catalogue of error codes (packages/core/src/errors.ts).
// `npm run docs:errors`; a test fails when the checked-in file is out of date.
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../packages/core/src/errorsDoc.js';

writeFileSync(new URL('../docs/ERRORS.md', import.meta.url), renderErrorsDoc());
