import { createHash } from 'node:crypto';
import type { Candidate } from '@sandogh/core';

/**
 * A candidate's placeholder portrait: a head-and-shoulders silhouette on a coloured ground with
 * the candidate code, the way the voting device shows it beside the name (DESIGN §2). Pure SVG
 * with no external font, image or network; colours follow from the code alone, so the same
 * candidate always looks the same.
 */

/** Pairs of ground colours (light, dark) with enough contrast for the white code band. */
const palettes: readonly (readonly [string, string])[] = [
  ['#4f8fc0', '#1f4e79'],
  ['#5aa17f', '#2e6b4f'],
  ['#c0794f', '#7a3f1f'],
  ['#8f6fc0', '#4b2f7a'],
  ['#c05a6f', '#7a2537'],
  ['#4fa8a8', '#1f6363'],
  ['#a8944f', '#63551f'],
  ['#6f7fa8', '#323f63'],
];

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function candidatePhotoSvg(candidate: Pick<Candidate, 'code' | 'name'>): string {
  const digest = createHash('sha256').update(`sandogh/demo/photo\u0000${candidate.code}`).digest();
  const palette = palettes[(digest[0] ?? 0) % palettes.length] ?? palettes[0] ?? ['#777', '#333'];
  const [light, dark] = palette;
  const code = escapeXml(candidate.code);
  const title = escapeXml(`${candidate.name.fa} — ${candidate.name.en} (${candidate.code})`);
  // A slight per-candidate variation of the head and shoulders, so the ballot is not 32 clones.
  const headY = 92 + ((digest[1] ?? 0) % 9) - 4;
  const headR = 36 + ((digest[2] ?? 0) % 7);
  const shoulder = 64 + ((digest[3] ?? 0) % 13);
  // Ids carry the code so that several portraits inlined in one page do not clash.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240" viewBox="0 0 200 240" role="img" aria-label="${title}">
  <title>${title}</title>
  <defs>
    <linearGradient id="ground-${code}" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${light}"/>
      <stop offset="1" stop-color="${dark}"/>
    </linearGradient>
    <clipPath id="frame-${code}"><rect width="200" height="240" rx="12"/></clipPath>
  </defs>
  <g clip-path="url(#frame-${code})">
    <rect width="200" height="240" fill="url(#ground-${code})"/>
    <g fill="#ffffff" fill-opacity="0.85">
      <circle cx="100" cy="${headY}" r="${headR}"/>
      <path d="M${100 - shoulder} 200 C${100 - shoulder} 150 ${100 - shoulder / 2} 134 100 134 C${100 + shoulder / 2} 134 ${100 + shoulder} 150 ${100 + shoulder} 200 Z"/>
    </g>
    <rect x="0" y="194" width="200" height="46" fill="#ffffff"/>
    <text x="100" y="228" text-anchor="middle" font-family="Vazirmatn, Tahoma, 'DejaVu Sans', Arial, sans-serif" font-size="30" font-weight="700" letter-spacing="4" fill="${dark}">${code}</text>
  </g>
</svg>
`;
}
