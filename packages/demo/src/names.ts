import type { BilingualName } from '@sandogh/core';
import type { Stream } from './prng.js';

/**
 * Common Iranian first and last names with their usual English spellings. People in the demo
 * are combinations of these, so any resemblance to a real person is chance (DESIGN §2: nothing
 * real about people). Persian is written with ی and ک and a ZWNJ where it belongs (حسین‌زاده),
 * so the text-normalisation paths get exercised.
 */
type Pair = readonly [fa: string, en: string];

export const maleFirstNames: readonly Pair[] = [
  ['محمد', 'Mohammad'],
  ['علی', 'Ali'],
  ['حسین', 'Hossein'],
  ['رضا', 'Reza'],
  ['مهدی', 'Mahdi'],
  ['حسن', 'Hassan'],
  ['امیر', 'Amir'],
  ['مجید', 'Majid'],
  ['سعید', 'Saeed'],
  ['احمد', 'Ahmad'],
  ['مصطفی', 'Mostafa'],
  ['جواد', 'Javad'],
  ['حمید', 'Hamid'],
  ['محسن', 'Mohsen'],
  ['مرتضی', 'Morteza'],
  ['ابوالفضل', 'Abolfazl'],
  ['عباس', 'Abbas'],
  ['کاظم', 'Kazem'],
  ['هادی', 'Hadi'],
  ['وحید', 'Vahid'],
  ['امید', 'Omid'],
  ['ناصر', 'Naser'],
  ['یوسف', 'Yousef'],
  ['اکبر', 'Akbar'],
  ['بهروز', 'Behrouz'],
  ['فرهاد', 'Farhad'],
  ['کامران', 'Kamran'],
  ['داوود', 'Davoud'],
  ['جعفر', 'Jafar'],
  ['محمدرضا', 'Mohammadreza'],
  ['علیرضا', 'Alireza'],
  ['غلامرضا', 'Gholamreza'],
  ['عبدالله', 'Abdollah'],
  ['مسعود', 'Masoud'],
  ['منصور', 'Mansour'],
  ['بهزاد', 'Behzad'],
  ['پیمان', 'Peyman'],
  ['سجاد', 'Sajjad'],
  ['میلاد', 'Milad'],
  ['آرش', 'Arash'],
  ['محمدحسین', 'Mohammadhossein'],
  ['امیرحسین', 'Amirhossein'],
  ['اسماعیل', 'Esmaeil'],
  ['ابراهیم', 'Ebrahim'],
  ['یحیی', 'Yahya'],
];

export const femaleFirstNames: readonly Pair[] = [
  ['فاطمه', 'Fatemeh'],
  ['زهرا', 'Zahra'],
  ['مریم', 'Maryam'],
  ['زینب', 'Zeinab'],
  ['معصومه', 'Masoumeh'],
  ['سمیه', 'Somayeh'],
  ['الهام', 'Elham'],
  ['نرگس', 'Narges'],
  ['لیلا', 'Leila'],
  ['مهناز', 'Mahnaz'],
  ['سارا', 'Sara'],
  ['نسرین', 'Nasrin'],
  ['طاهره', 'Tahereh'],
  ['اعظم', 'Azam'],
  ['فرشته', 'Fereshteh'],
  ['شهناز', 'Shahnaz'],
  ['مینا', 'Mina'],
  ['سمانه', 'Samaneh'],
  ['راضیه', 'Raziyeh'],
  ['کبری', 'Kobra'],
  ['منیره', 'Monireh'],
  ['پروین', 'Parvin'],
  ['هانیه', 'Hanieh'],
  ['نازنین', 'Nazanin'],
  ['ریحانه', 'Reyhaneh'],
  ['محدثه', 'Mohaddeseh'],
  ['آزاده', 'Azadeh'],
  ['فریبا', 'Fariba'],
  ['زهره', 'Zohreh'],
  ['مهسا', 'Mahsa'],
  ['فائزه', 'Faezeh'],
  ['صدیقه', 'Sedigheh'],
  ['اشرف', 'Ashraf'],
  ['مرضیه', 'Marzieh'],
  ['نگار', 'Negar'],
];

export const lastNames: readonly Pair[] = [
  ['محمدی', 'Mohammadi'],
  ['حسینی', 'Hosseini'],
  ['احمدی', 'Ahmadi'],
  ['رضایی', 'Rezaei'],
  ['کریمی', 'Karimi'],
  ['موسوی', 'Mousavi'],
  ['جعفری', 'Jafari'],
  ['رحیمی', 'Rahimi'],
  ['هاشمی', 'Hashemi'],
  ['قاسمی', 'Ghasemi'],
  ['صادقی', 'Sadeghi'],
  ['اکبری', 'Akbari'],
  ['عباسی', 'Abbasi'],
  ['نوری', 'Nouri'],
  ['کاظمی', 'Kazemi'],
  ['ابراهیمی', 'Ebrahimi'],
  ['حیدری', 'Heydari'],
  ['یوسفی', 'Yousefi'],
  ['مرادی', 'Moradi'],
  ['سلیمانی', 'Soleimani'],
  ['نجفی', 'Najafi'],
  ['طاهری', 'Taheri'],
  ['امینی', 'Amini'],
  ['اسدی', 'Asadi'],
  ['باقری', 'Bagheri'],
  ['شریفی', 'Sharifi'],
  ['ملکی', 'Maleki'],
  ['زارعی', 'Zarei'],
  ['قربانی', 'Ghorbani'],
  ['رستمی', 'Rostami'],
  ['فراهانی', 'Farahani'],
  ['تهرانی', 'Tehrani'],
  ['شیرازی', 'Shirazi'],
  ['اصفهانی', 'Esfahani'],
  ['کرمانی', 'Kermani'],
  ['خراسانی', 'Khorasani'],
  ['مختاری', 'Mokhtari'],
  ['نظری', 'Nazari'],
  ['سعیدی', 'Saeedi'],
  ['فتحی', 'Fathi'],
  ['میرزایی', 'Mirzaei'],
  ['حسین‌زاده', 'Hosseinzadeh'],
  ['علی‌پور', 'Alipour'],
  ['قلی‌زاده', 'Gholizadeh'],
  ['رحمانی', 'Rahmani'],
  ['خسروی', 'Khosravi'],
  ['بهرامی', 'Bahrami'],
  ['صفری', 'Safari'],
  ['عزیزی', 'Azizi'],
  ['جلالی', 'Jalali'],
  ['دهقان', 'Dehghan'],
  ['کیانی', 'Kiani'],
  ['نیک‌نام', 'Niknam'],
  ['پورمحمدی', 'Pourmohammadi'],
  ['افشار', 'Afshar'],
  ['شجاعی', 'Shojaei'],
  ['فرجی', 'Faraji'],
  ['وحیدی', 'Vahidi'],
  ['طالبی', 'Talebi'],
  ['منصوری', 'Mansouri'],
  ['نادری', 'Naderi'],
  ['یزدانی', 'Yazdani'],
  ['سبحانی', 'Sobhani'],
  ['آقایی', 'Aghaei'],
  ['توکلی', 'Tavakoli'],
  ['زمانی', 'Zamani'],
  ['غفاری', 'Ghaffari'],
  ['رنجبر', 'Ranjbar'],
  ['شاه‌محمدی', 'Shahmohammadi'],
  ['کاشانی', 'Kashani'],
];

/** A random name; women are `femaleShare` of people (a probability). */
export function randomPersonName(rng: Stream, femaleShare: number): BilingualName {
  const first = rng.pick(rng.chance(femaleShare) ? femaleFirstNames : maleFirstNames);
  const last = rng.pick(lastNames);
  return { fa: `${first[0]} ${last[0]}`, en: `${first[1]} ${last[1]}` };
}

/** `count` names, no two alike (candidates on one ballot must be told apart). */
export function distinctPersonNames(
  rng: Stream,
  count: number,
  femaleShare: number,
): BilingualName[] {
  const capacity = (maleFirstNames.length + femaleFirstNames.length) * lastNames.length;
  if (count > capacity / 2) throw new RangeError(`too many distinct names asked for: ${count}`);
  const seen = new Set<string>();
  const out: BilingualName[] = [];
  while (out.length < count) {
    const name = randomPersonName(rng, femaleShare);
    if (seen.has(name.fa)) continue;
    seen.add(name.fa);
    out.push(name);
  }
  return out;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Persian digits for text people read (DESIGN §8); codes and ids stay ASCII. */
export function persianDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS.charAt(Number(d)));
}
