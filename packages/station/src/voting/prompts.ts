/**
 * The voting device's voice prompts as data (DESIGN §2: voice prompts help voters who cannot
 * read the screen), in Persian and English; `{name}` placeholders are filled by the speaker.
 * The texts never name the voter and are spoken, never logged.
 */
export const votingPrompts = {
  welcome: {
    fa: 'کارت تعرفه پذیرفته شد. کد نامزدها را یکی یکی وارد کنید؛ حداکثر {seats} نامزد. برای رای سفید کلید سفید را بزنید.',
    en: 'Ballot card accepted. Key the candidates’ codes one after another; at most {seats}. For a blank vote press the blank key.',
  },
  chosen: { fa: '{name} برگزیده شد.', en: '{name} chosen.' },
  alreadyChosen: {
    fa: '{name} پیش‌تر برگزیده شده است؛ یک بار شمرده می‌شود.',
    en: '{name} is already chosen; it counts once.',
  },
  unknownCode: {
    fa: 'کد {code} متعلق به هیچ نامزدی نیست.',
    en: 'Code {code} belongs to no candidate.',
  },
  seatsFull: {
    fa: 'بیش از {seats} نامزد نمی‌توان برگزید.',
    en: 'No more than {seats} candidates can be chosen.',
  },
  corrected: { fa: 'آخرین نامزد برداشته شد.', en: 'The last candidate was removed.' },
  blankChosen: { fa: 'رای سفید.', en: 'Blank vote.' },
  review: {
    fa: '{count} نامزد برگزیده‌اید. برای ثبت، کلید سبز را دوباره بزنید؛ برای بررسی رمزگذاری، کلید بازبینی را.',
    en: 'You chose {count} candidates. Press green again to cast; press challenge to check the encryption.',
  },
  challenged: {
    fa: 'این برگ رای ثبت نشد و رمزگذاری آن برای بررسی آشکار شد. دوباره رای دهید.',
    en: 'This ballot was not cast; its encryption is revealed for checking. Vote again.',
  },
  voteAgain: { fa: 'دوباره کد نامزدها را وارد کنید.', en: 'Key the candidates’ codes again.' },
  recorded: {
    fa: 'رای شما ثبت شد. برگهٔ رای را در صندوق بیندازید و رسید کد رهگیری را بردارید.',
    en: 'Your vote is recorded. Drop the printed vote into the box and take the tracking-code slip.',
  },
} as const;

export type PromptId = keyof typeof votingPrompts;

export function promptText(
  id: PromptId,
  language: 'fa' | 'en',
  params: Readonly<Record<string, string>> = {},
): string {
  return votingPrompts[id][language].replace(
    /\{(\w+)\}/g,
    (whole, key: string) => params[key] ?? whole,
  );
}
