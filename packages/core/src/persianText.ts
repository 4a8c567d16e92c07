/**
 * Persian text for search, comparison, display and input (DESIGN §8: "Persian text search that
 * treats ي/ی, ك/ک, ZWNJ and Persian/Arabic/Latin digits alike"; §9: people read Persian digits,
 * identifiers are stored with ASCII digits).
 *
 * `normalizeForSearch` produces a *search key*, never a value to store or show: it folds letters
 * that a person would consider the same when looking a name up, so it loses information on
 * purpose (e.g. آ and ا become one letter).
 */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

/**
 * Invisible characters that change nothing a reader sees but break equality: zero-width
 * characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM), bidi marks and controls (LRM, RLM, ALM, the
 * embeddings/overrides and isolates), invisible operators, the Mongolian vowel separator and
 * the soft hyphen. Persian keyboards and copy-paste from right-to-left documents insert them
 * freely, so a national code or a name pasted from a PDF often carries some.
 */
const INVISIBLE_MARKS =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/**
 * Arabic diacritics (harakat: fatha, kasra, damma, tanwin, shadda, sukun, the hamza and madda
 * marks, superscript alef) and Quranic annotation marks. Names on identity documents are
 * written without them, but people sometimes type a tashdid or a kasra-ye ezafe.
 */
const ARABIC_MARKS =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]/g;

const TATWEEL = /\u0640/g;

/**
 * Letter folding for search. Choices:
 * - Arabic yeh ي and alef maksura ى, and yeh with hamza ئ → Persian yeh ی (DESIGN §8).
 * - Arabic kaf ك → Persian keheh ک (DESIGN §8).
 * - teh marbuta ة → heh ه: Persian writes Arabic loanwords ending in ة with ه (علامه, not علامة),
 *   so a name typed on an Arabic keyboard must find its Persian spelling. The alternative (→ ت)
 *   matches only a few words (e.g. زکات/زکوة) and would break the common case.
 * - heh with yeh above ۀ (and ه + hamza above, ae ە, heh doachashmee ھ) → heh ه: the ezafe
 *   sign is written inconsistently (خانهٔ, خانۀ, خانه).
 * - alef with madda or hamza (آ أ إ ٱ) → alef ا, waw with hamza ؤ → waw و: people drop the madda
 *   and hamza when typing (اذر for آذر); a search should still find the name.
 */
const LETTER_FOLDS: ReadonlyMap<string, string> = new Map([
  ['\u064A', '\u06CC'], // ي → ی
  ['\u0649', '\u06CC'], // ى → ی
  ['\u0626', '\u06CC'], // ئ → ی
  ['\u0643', '\u06A9'], // ك → ک
  ['\u0629', '\u0647'], // ة → ه
  ['\u06C0', '\u0647'], // ۀ → ه
  ['\u06D5', '\u0647'], // ە → ه
  ['\u06BE', '\u0647'], // ھ → ه
  ['\u0622', '\u0627'], // آ → ا
  ['\u0623', '\u0627'], // أ → ا
  ['\u0625', '\u0627'], // إ → ا
  ['\u0671', '\u0627'], // ٱ → ا
  ['\u0624', '\u0648'], // ؤ → و
]);

const FOLDABLE_LETTERS =
  /[\u064A\u0649\u0626\u0643\u0629\u06C0\u06D5\u06BE\u0622\u0623\u0625\u0671\u0624]/g;

const NON_ASCII_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const LATIN_OR_ARABIC_DIGITS = /[0-9\u0660-\u0669]/g;

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits → ASCII digits; everything else unchanged. */
export function toLatinDigits(s: string): string {
  return s.replace(NON_ASCII_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String.fromCharCode(0x30 + code - zero);
  });
}

/**
 * ASCII and Arabic-Indic digits → Persian digits (۰–۹), for the Persian UI (DESIGN §8). Arabic-
 * Indic ٤ ٥ ٦ differ in shape from Persian ۴ ۵ ۶, so they are converted too.
 */
export function toPersianDigits(s: string): string {
  return s.replace(LATIN_OR_ARABIC_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    const value = code <= 0x39 ? code - 0x30 : code - ARABIC_INDIC_ZERO;
    return String.fromCharCode(PERSIAN_ZERO + value);
  });
}

/** Removes the invisible formatting characters listed in INVISIBLE_MARKS (ZWNJ included). */
export function removeInvisibleMarks(s: string): string {
  return s.replace(INVISIBLE_MARKS, '');
}

function normalizeOnce(s: string): string {
  // Invisible marks go before NFKC so that a base letter and a combining mark they separated
  // compose. NFKC then turns Arabic presentation forms (ﻙ, ﯼ, ligatures) and full-width Latin
  // into ordinary letters and composes decomposed sequences (ا + ٓ → آ) before the folds.
  const composed = removeInvisibleMarks(s).normalize('NFKC');
  const folded = composed
    .replace(TATWEEL, '')
    .replace(ARABIC_MARKS, '')
    .replace(FOLDABLE_LETTERS, (letter) => LETTER_FOLDS.get(letter) ?? letter);
  return toLatinDigits(folded).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The search key of a text (DESIGN §8): NFKC; invisible marks (ZWNJ, bidi marks), tatweel and
 * diacritics removed; letters folded as in LETTER_FOLDS; all digits ASCII; whitespace runs
 * collapsed to one space and trimmed; lower case. Idempotent: the steps are applied until the
 * text stops changing, because removing a mark or lower-casing can, rarely, expose a new NFKC
 * composition; one round almost always suffices and the second only confirms it.
 */
export function normalizeForSearch(s: string): string {
  let current = s;
  for (let round = 0; round < 4; round++) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

function words(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

function startsAtSomeWord(haystackWords: readonly string[], needle: string): boolean {
  for (let i = 0; i < haystackWords.length; i++) {
    if (haystackWords.slice(i).join('').startsWith(needle)) return true;
  }
  return false;
}

/**
 * Does `haystack` (e.g. a voter's or candidate's full name) match what a person typed?
 *
 * Semantics (word-prefix, all words, any order): after `normalizeForSearch`, every word of the
 * query must be found at the start of some word of the haystack, where the haystack's spaces
 * are ignored from that word onwards — so a compound name written with a space, a ZWNJ or
 * neither (محمد رضا / محمد‌رضا / محمدرضا) is found by any of its spellings; and the query with
 * its own spaces removed may match instead. A query with no words matches everything (an empty
 * search box filters nothing).
 *
 * Why prefixes, not substrings: people type a name from its start as they read it off an
 * identity document, and a one- or two-letter substring (ی, ها) occurs in nearly every Persian
 * name, which would make incremental search useless. The price is that a query cannot start in
 * the middle of a word (رضا does not find علیرضا).
 */
export function matchesSearch(haystack: string, query: string): boolean {
  const queryWords = words(normalizeForSearch(query));
  if (queryWords.length === 0) return true;
  const haystackWords = words(normalizeForSearch(haystack));
  if (queryWords.every((word) => startsAtSomeWord(haystackWords, word))) return true;
  return startsAtSomeWord(haystackWords, queryWords.join(''));
}
