import type { Printout } from '../print/printouts.js';

/**
 * The training mark on paper (docs/STATION.md "Training mode"): every training printout gets a
 * banner at the top and the bottom and a watermark across the page, in Persian and English,
 * and its title says آموزشی — so no one can take a training vote or slip for a real one.
 */
export const TRAINING_BANNER_FA = 'آموزشی — این رای نیست و شمرده نمی‌شود';
export const TRAINING_BANNER_EN = 'TRAINING — not a vote, never counted';

const banner = `<p class="training" style="border:2px solid #000;text-align:center;font-weight:bold;margin:1mm 0;padding:1mm">${TRAINING_BANNER_FA}<br>${TRAINING_BANNER_EN}</p>`;
const watermark =
  '<div aria-hidden="true" style="position:fixed;top:40%;left:0;right:0;text-align:center;font-size:28pt;opacity:0.25;transform:rotate(-30deg)">آموزشی TRAINING</div>';

export function markTraining(printout: Printout): Printout {
  const html = printout.html
    .replace(/<title>/, '<title>آموزشی — ')
    .replace(/<body>/, `<body>\n${watermark}\n${banner}`)
    .replace(/<\/body>/, `${banner}\n</body>`);
  return { kind: printout.kind, html };
}
