import type { BilingualName } from '@sandogh/core';
import type { Stream } from './prng.js';

/**
 * Places for branches and mobile-branch stops. Street names are common in Tehran; venue names
 * are generic (a mosque, a school, a hospital named after a saint, poet or martyr) and do not
 * point at a real building.
 */
type Pair = readonly [fa: string, en: string];

export const streets: readonly Pair[] = [
  ['ولیعصر', 'Valiasr'],
  ['انقلاب', 'Enghelab'],
  ['آزادی', 'Azadi'],
  ['شریعتی', 'Shariati'],
  ['پاسداران', 'Pasdaran'],
  ['ستارخان', 'Sattarkhan'],
  ['طالقانی', 'Taleghani'],
  ['مطهری', 'Motahari'],
  ['جمهوری', 'Jomhouri'],
  ['دماوند', 'Damavand'],
  ['پیروزی', 'Piroozi'],
  ['هاشمی', 'Hashemi'],
  ['قزوین', 'Qazvin'],
  ['کارگر', 'Kargar'],
  ['فاطمی', 'Fatemi'],
  ['کریمخان', 'Karimkhan'],
  ['نواب', 'Navvab'],
  ['مولوی', 'Molavi'],
  ['خاوران', 'Khavaran'],
  ['پیامبر', 'Payambar'],
  ['بهار', 'Bahar'],
  ['نارمک', 'Narmak'],
  ['جنت‌آباد', 'Jannatabad'],
  ['سعادت‌آباد', 'Saadatabad'],
  ['شهران', 'Shahran'],
  ['افسریه', 'Afsariyeh'],
  ['مجیدیه', 'Majidiyeh'],
  ['تهرانپارس', 'Tehranpars'],
];

const mosques: readonly Pair[] = [
  ['الغدیر', 'Al-Ghadir'],
  ['جامع', 'Jameh'],
  ['المهدی', 'Al-Mahdi'],
  ['امام صادق', 'Imam Sadegh'],
  ['قبا', 'Qoba'],
  ['النبی', 'Al-Nabi'],
  ['صاحب‌الزمان', 'Saheb-ol-Zaman'],
  ['امام رضا', 'Imam Reza'],
  ['حضرت ابوالفضل', 'Hazrat-e Abolfazl'],
  ['جوادالائمه', 'Javad-ol-Aemmeh'],
  ['فاطمیه', 'Fatemiyeh'],
];

const schoolNames: readonly Pair[] = [
  ['شهید بهشتی', 'Shahid Beheshti'],
  ['شهید رجایی', 'Shahid Rajaei'],
  ['فردوسی', 'Ferdowsi'],
  ['سعدی', 'Saadi'],
  ['حافظ', 'Hafez'],
  ['خوارزمی', 'Kharazmi'],
  ['علامه طباطبایی', 'Allameh Tabatabaei'],
  ['ابن‌سینا', 'Ibn Sina'],
  ['پروین اعتصامی', 'Parvin Etesami'],
  ['شهید مطهری', 'Shahid Motahari'],
  ['فارابی', 'Farabi'],
  ['رازی', 'Razi'],
  ['شهید چمران', 'Shahid Chamran'],
  ['نیما یوشیج', 'Nima Yushij'],
];

const schoolKinds: readonly Pair[] = [
  ['دبستان', 'Primary School'],
  ['دبیرستان', 'High School'],
  ['هنرستان', 'Technical School'],
  ['مدرسه', 'School'],
];

const halls: readonly Pair[] = [
  ['فرهنگسرای', 'Cultural Centre'],
  ['حسینیه', 'Hosseiniyeh'],
  ['سرای محله', 'Neighbourhood House'],
];

export function venueName(rng: Stream): BilingualName {
  const kind = rng.pick(['mosque', 'school', 'school', 'hall'] as const);
  if (kind === 'mosque') {
    const [fa, en] = rng.pick(mosques);
    return { fa: `مسجد ${fa}`, en: `${en} Mosque` };
  }
  if (kind === 'school') {
    const [kindFa, kindEn] = rng.pick(schoolKinds);
    const [fa, en] = rng.pick(schoolNames);
    return { fa: `${kindFa} ${fa}`, en: `${en} ${kindEn}` };
  }
  const [hallFa, hallEn] = rng.pick(halls);
  const [fa, en] = rng.pick(mosques.concat(schoolNames));
  return { fa: `${hallFa} ${fa}`, en: `${en} ${hallEn}` };
}

/** Towns of the counties outside Tehran (background/iran-elections.md §4). */
export const townsByCounty: Readonly<Record<string, readonly string[]>> = {
  tehran: ['تهران'],
  rey: ['شهرری', 'کهریزک', 'باقرشهر', 'حسن‌آباد'],
  shemiranat: ['تجریش', 'لواسان', 'فشم', 'شمشک'],
  eslamshahr: ['اسلامشهر', 'چهاردانگه', 'احمدآباد مستوفی'],
  pardis: ['پردیس', 'بومهن', 'جاجرود'],
};

export type StopKind = 'hospital' | 'barracks' | 'dormitory' | 'care-home' | 'prison';

const stopPlaces: Readonly<
  Record<StopKind, { readonly prefix: Pair; readonly names: readonly Pair[] }>
> = {
  hospital: {
    prefix: ['بیمارستان', 'Hospital'],
    names: [
      ['شهدا', 'Shohada'],
      ['امام حسین', 'Imam Hossein'],
      ['سینا', 'Sina'],
      ['لقمان', 'Loghman'],
      ['مهر', 'Mehr'],
      ['بوعلی', 'Bu Ali'],
      ['امید', 'Omid'],
      ['فیروزگر', 'Firouzgar'],
      ['شفا', 'Shafa'],
    ],
  },
  barracks: {
    prefix: ['پادگان', 'Barracks'],
    names: [
      ['ولیعصر', 'Valiasr'],
      ['امام علی', 'Imam Ali'],
      ['حمزه', 'Hamzeh'],
      ['قدس', 'Qods'],
    ],
  },
  dormitory: {
    prefix: ['خوابگاه دانشجویی', 'Student Dormitory'],
    names: [
      ['کوی دانشگاه', 'Kuy-e Daneshgah'],
      ['فاطمیه', 'Fatemiyeh'],
      ['شهید چمران', 'Shahid Chamran'],
      ['آزادی', 'Azadi'],
    ],
  },
  'care-home': {
    prefix: ['سرای سالمندان', 'Care Home'],
    names: [
      ['کهریزک', 'Kahrizak'],
      ['مهرآوران', 'Mehravaran'],
      ['نیکان', 'Nikan'],
      ['آسایش', 'Asayesh'],
    ],
  },
  prison: {
    prefix: ['ندامتگاه', 'Correctional Facility'],
    names: [
      ['مرکزی', 'Central'],
      ['شماره ۲', 'No. 2'],
    ],
  },
};

export function stopPlace(kind: StopKind, rng: Stream): BilingualName {
  const { prefix, names } = stopPlaces[kind];
  const [fa, en] = rng.pick(names);
  return { fa: `${prefix[0]} ${fa}`, en: `${en} ${prefix[1]}` };
}
