import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiResult } from '../api.js';
import { Loading, ProblemAlert } from '../components.js';
import { digits, toLatinDigits } from '../format.js';
import { useLang } from '../language.js';
import type { Bilingual } from '../types.js';

/**
 * "Try the ballot" (issue 8, training mode; docs/WEB.md): anyone practises the voting device's
 * steps on the sample election — key a code, correct, blank, green to review, green to cast —
 * and sees what the device would print. Every part of the page says Training / آموزشی: the
 * HQ checks the ballot by the real rules, stores nothing, and nothing of it is ever counted.
 */
interface Sample {
  readonly training: true;
  readonly label: Bilingual;
  readonly title: Bilingual;
  readonly contest: { readonly maxSelections: number; readonly candidateCodeLength: number };
  readonly candidates: readonly { readonly code: string; readonly name: Bilingual }[];
}
interface Tried {
  readonly training: true;
  readonly blank: boolean;
  readonly chosen: readonly { readonly code: string; readonly name: Bilingual }[];
  readonly notice: Bilingual;
}

type Step = 'entering' | 'review' | 'cast';

export function TryBallot() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [sample, setSample] = useState<ApiResult<Sample>>();
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const [step, setStep] = useState<Step>('entering');
  const [answer, setAnswer] = useState<ApiResult<Tried>>();

  useEffect(() => {
    void call<Sample>('/api/v1/training/election').then(setSample);
  }, []);

  if (sample === undefined) return <Loading />;
  if (!sample.ok) return <ProblemAlert problem={sample.problem} status={sample.status} />;
  const election = sample.value;
  const nameOf = (code: string) =>
    election.candidates.find((c) => c.code === code)?.name[lang] ?? code;

  const choose = (event: SubmitEvent) => {
    event.preventDefault();
    const code = toLatinDigits(typed).trim();
    setTyped('');
    if (code === '') return;
    if (!election.candidates.some((c) => c.code === code)) {
      setNotice(t('tryBallot.unknownCode', { code: digits(code, lang) }));
      return;
    }
    if (chosen.includes(code)) {
      setNotice(t('tryBallot.already', { code: digits(code, lang) }));
      return;
    }
    if (chosen.length >= election.contest.maxSelections) {
      setNotice(t('tryBallot.full', { max: digits(String(election.contest.maxSelections), lang) }));
      return;
    }
    setNotice(undefined);
    setChosen([...chosen, code]);
  };

  const cast = async () => {
    setAnswer(
      await call<Tried>('/api/v1/training/ballot', { method: 'POST', body: { codes: chosen } }),
    );
    setStep('cast');
  };

  const again = () => {
    setChosen([]);
    setTyped('');
    setNotice(undefined);
    setAnswer(undefined);
    setStep('entering');
  };

  return (
    <section aria-labelledby="page-title" className="narrow training">
      <p className="training-banner" role="note" data-testid="training-banner">
        {t('tryBallot.banner')}
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {t('tryBallot.title')} — {election.label[lang]}
      </h1>
      <p>{t('tryBallot.intro', { max: digits(String(election.contest.maxSelections), lang) })}</p>
      <h2>{election.title[lang]}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('tryBallot.code')}</th>
            <th scope="col">{t('tryBallot.candidate')}</th>
          </tr>
        </thead>
        <tbody>
          {election.candidates.map((c) => (
            <tr key={c.code}>
              <td dir="ltr">{digits(c.code, lang)}</td>
              <td>{c.name[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {step === 'entering' ? (
        <>
          <form onSubmit={choose} className="form">
            <div className="field">
              <label htmlFor="training-code">{t('tryBallot.keyCode')}</label>
              <input
                id="training-code"
                dir="ltr"
                inputMode="numeric"
                autoComplete="off"
                maxLength={election.contest.candidateCodeLength}
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                }}
              />
            </div>
            <button type="submit">{t('tryBallot.choose')}</button>{' '}
            <button
              type="button"
              onClick={() => {
                setChosen(chosen.slice(0, -1));
              }}
              disabled={chosen.length === 0}
            >
              {t('tryBallot.correction')}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setChosen([]);
                setStep('review');
              }}
            >
              {t('tryBallot.blank')}
            </button>{' '}
            <button
              type="button"
              className="green"
              onClick={() => {
                setStep('review');
              }}
            >
              {t('tryBallot.green')}
            </button>
          </form>
          <div aria-live="polite">
            {notice === undefined ? null : (
              <p role="alert" className="alert">
                {notice}
              </p>
            )}
            <p>
              {t('tryBallot.chosen')}{' '}
              {chosen.length === 0
                ? t('tryBallot.none')
                : chosen
                    .map((c) => `${nameOf(c)} (${digits(c, lang)})`)
                    .join(lang === 'fa' ? '، ' : ', ')}
            </p>
          </div>
        </>
      ) : null}

      {step === 'review' ? (
        <div className="result" data-testid="training-review">
          <h2>{t('tryBallot.reviewTitle')}</h2>
          {chosen.length === 0 ? (
            <p>{t('tryBallot.blankBallot')}</p>
          ) : (
            <ul>
              {chosen.map((c) => (
                <li key={c}>
                  {nameOf(c)} ({digits(c, lang)})
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="green" onClick={() => void cast()}>
            {t('tryBallot.confirm')}
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setStep('entering');
            }}
          >
            {t('tryBallot.back')}
          </button>
        </div>
      ) : null}

      {step === 'cast' && answer !== undefined ? (
        <div aria-live="polite">
          {answer.ok ? (
            <div
              className="result found training-receipt"
              role="status"
              data-testid="training-receipt"
            >
              <p className="training-banner">{t('tryBallot.banner')}</p>
              <h2>{t('tryBallot.receiptTitle')}</h2>
              <p>
                {answer.value.blank
                  ? t('tryBallot.blankBallot')
                  : answer.value.chosen
                      .map((c) => `${c.name[lang]} (${digits(c.code, lang)})`)
                      .join(lang === 'fa' ? '، ' : ', ')}
              </p>
              <p>{answer.value.notice[lang]}</p>
              <button type="button" onClick={again}>
                {t('tryBallot.again')}
              </button>
            </div>
          ) : (
            <>
              <ProblemAlert problem={answer.problem} status={answer.status} />
              <button type="button" onClick={again}>
                {t('tryBallot.again')}
              </button>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
