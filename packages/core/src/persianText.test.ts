import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  matchesSearch,
  normalizeForSearch,
  removeInvisibleMarks,
  toLatinDigits,
  toPersianDigits,
} from './persianText.js';

const ZWNJ = '\u200c';

/** Persian-looking text with the variants DESIGN §8 names mixed in. */
const persianish = fc.string({
  unit: fc.constantFrom(
    ...Array.from('ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ '),
    ...Array.from('يىكةۀئأإؤ'),
    ...Array.from('۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789'),
    ZWNJ,
    '\u200f',
    '\u0640',
    '\u064e',
    '\u0651',
    ' ',
    '\t',
    'A',
    'b',
  ),
  maxLength: 40,
});

/** Replaces each Persian letter by one of its Arabic or decorated spellings, per a choice list. */
function arabicSpelling(s: string, choices: readonly number[]): string {
  const variants: Record<string, readonly string[]> = {
    ی: ['ی', 'ي', 'ى'],
    ک: ['ک', 'ك'],
    ه: ['ه', 'ة', 'ۀ'],
    '0': ['0', '۰', '٠'],
    '5': ['5', '۵', '٥'],
    '9': ['9', '۹', '٩'],
  };
  let i = 0;
  let out = '';
  for (const ch of s) {
    const options = variants[ch];
    const choice = choices[i++ % Math.max(choices.length, 1)] ?? 0;
    out += options === undefined ? ch : (options[choice % options.length] ?? ch);
    if (choice % 4 === 3) out += ZWNJ;
  }
  return out;
}

describe('digits', () => {
  it('turns Persian and Arabic-Indic digits into ASCII and leaves the rest', () => {
    expect(toLatinDigits('۱۴۰۳/۰۲/۲۱')).toBe('1403/02/21');
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toLatinDigits('کد ۰۰۱۲ abc 34')).toBe('کد 0012 abc 34');
  });

  it('turns ASCII and Arabic-Indic digits into Persian ones for the Persian UI', () => {
    expect(toPersianDigits('1403/02/21')).toBe('۱۴۰۳/۰۲/۲۱');
    expect(toPersianDigits('٤٥٦')).toBe('۴۵۶');
    expect(toPersianDigits('ساعت 15:30')).toBe('ساعت ۱۵:۳۰');
  });

  test.prop([fc.string()])('round-trips: Latin → Persian → Latin keeps only ASCII digits', (s) => {
    expect(toLatinDigits(toPersianDigits(s))).toBe(toLatinDigits(s));
    expect(toPersianDigits(toLatinDigits(s))).toBe(toPersianDigits(s));
  });
});

describe('normalizeForSearch', () => {
  it('folds Arabic yeh and kaf to Persian (DESIGN §8)', () => {
    expect(normalizeForSearch('علي')).toBe('علی');
    expect(normalizeForSearch('مصطفى')).toBe('مصطفی');
    expect(normalizeForSearch('كريمي')).toBe('کریمی');
  });

  it('folds teh marbuta and heh with yeh above to heh', () => {
    expect(normalizeForSearch('فاطمة')).toBe('فاطمه');
    expect(normalizeForSearch('خانۀ')).toBe(normalizeForSearch('خانه'));
    expect(normalizeForSearch('خانهٔ')).toBe(normalizeForSearch('خانه'));
  });

  it('folds alef with madda or hamza to alef', () => {
    expect(normalizeForSearch('آذر')).toBe('اذر');
    expect(normalizeForSearch('أحمد')).toBe('احمد');
    expect(normalizeForSearch('ا\u0653ذر')).toBe('اذر');
  });

  it('removes ZWNJ, bidi marks, tatweel and diacritics', () => {
    expect(normalizeForSearch('کریمی‌نژاد')).toBe('کریمینژاد');
    expect(normalizeForSearch('\u200fعلی\u200e')).toBe('علی');
    expect(normalizeForSearch('محـــمد')).toBe('محمد');
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
  });

  it('maps Arabic presentation forms to ordinary letters', () => {
    expect(normalizeForSearch('\uFEDB\uFEAE\uFBFF\uFEE4\uFBFD')).toBe('کریمی');
  });

  it('makes every digit ASCII, collapses whitespace and lower-cases Latin', () => {
    expect(normalizeForSearch('  Ali\u00a0\t REZAEI  ۱۲٣  ')).toBe('ali rezaei 123');
  });

  test.prop([fc.string({ unit: 'grapheme' })])('is idempotent on any text', (s) => {
    const once = normalizeForSearch(s);
    expect(normalizeForSearch(once)).toBe(once);
  });

  test.prop([fc.string({ unit: 'binary' })])('is idempotent on any code points', (s) => {
    const once = normalizeForSearch(s);
    expect(normalizeForSearch(once)).toBe(once);
  });

  it('composes a letter and a mark that an invisible character kept apart', () => {
    expect(normalizeForSearch('e\u200c\u0301')).toBe('é');
    expect(normalizeForSearch('ا\u200c\u0653ذر')).toBe('اذر');
  });

  test.prop([
    fc.string({
      unit: fc.constantFrom(
        ...Array.from('aeEIİΩoا '),
        '\u0301',
        '\u0307',
        '\u0316',
        '\u064b',
        '\u0651',
        '\u0653',
        '\u0654',
        '\u200c',
        '\u200d',
        '\u0640',
        '\u212b',
        '\ufe70',
        '\ufc5e',
      ),
      maxLength: 20,
    }),
  ])('is idempotent on letters, combining marks and invisible characters interleaved', (s) => {
    const once = normalizeForSearch(s);
    expect(normalizeForSearch(once)).toBe(once);
  });

  test.prop([persianish])('is idempotent on Persian text with its variants', (s) => {
    const once = normalizeForSearch(s);
    expect(normalizeForSearch(once)).toBe(once);
  });

  test.prop([persianish, fc.array(fc.nat(11), { minLength: 1, maxLength: 20 })])(
    'treats ي/ی, ك/ک, ة/ه, ZWNJ and digit variants alike',
    (s, choices) => {
      expect(normalizeForSearch(arabicSpelling(s, choices))).toBe(normalizeForSearch(s));
    },
  );

  test.prop([persianish])('leaves no ZWNJ, bidi mark, tatweel or non-ASCII digit', (s) => {
    expect(normalizeForSearch(s)).not.toMatch(/[\u200c\u200f\u0640\u06f0-\u06f9\u0660-\u0669يكى]/);
  });
});

describe('removeInvisibleMarks', () => {
  it('drops zero-width and bidi characters and nothing else', () => {
    expect(removeInvisibleMarks('\u202bمی\u200cروم\u202c \ufeff')).toBe('میروم ');
  });
});

describe('matchesSearch (word prefixes, all words, any order)', () => {
  const name = 'محمدرضا كريمي‌نژاد';

  it('finds a name by the start of its words, in any order', () => {
    expect(matchesSearch(name, 'محمد')).toBe(true);
    expect(matchesSearch(name, 'کریمی')).toBe(true);
    expect(matchesSearch(name, 'کریمی محمد')).toBe(true);
    expect(matchesSearch(name, 'کریمینژ')).toBe(true);
  });

  it('treats Arabic letters, ZWNJ and digits alike (DESIGN §8)', () => {
    expect(matchesSearch('علی کریمی', 'علي كريمي')).toBe(true);
    expect(matchesSearch('شعبه ۱۲', 'شعبه 12')).toBe(true);
    expect(matchesSearch('شعبه 12', 'شعبه ١٢')).toBe(true);
  });

  it('finds compound names written with a space, a ZWNJ or neither', () => {
    expect(matchesSearch('محمد رضا کریمی', 'محمدرضا')).toBe(true);
    expect(matchesSearch('محمد‌رضا کریمی', 'محمد رضا')).toBe(true);
    expect(matchesSearch('محمدرضا کریمی', 'محمد رضا')).toBe(true);
  });

  it('requires every query word', () => {
    expect(matchesSearch(name, 'محمد احمدی')).toBe(false);
  });

  it('does not match inside a word', () => {
    expect(matchesSearch('علیرضا', 'رضا')).toBe(false);
    expect(matchesSearch(name, 'ی')).toBe(false);
  });

  it('lets an empty query match everything', () => {
    expect(matchesSearch(name, '')).toBe(true);
    expect(matchesSearch('', '  \u200c ')).toBe(true);
  });

  test.prop([persianish])('finds every text by itself', (s) => {
    expect(matchesSearch(s, s)).toBe(true);
  });

  test.prop([persianish, fc.nat()])(
    'finds every text by any prefix of its search key',
    (s, cut) => {
      const key = normalizeForSearch(s);
      expect(matchesSearch(s, key.slice(0, cut % (key.length + 1)))).toBe(true);
    },
  );

  test.prop([persianish, persianish, fc.array(fc.nat(11), { minLength: 1, maxLength: 20 })])(
    'gives the same answer whichever spelling variants either side uses',
    (haystack, query, choices) => {
      expect(matchesSearch(arabicSpelling(haystack, choices), arabicSpelling(query, choices))).toBe(
        matchesSearch(haystack, query),
      );
    },
  );
});
