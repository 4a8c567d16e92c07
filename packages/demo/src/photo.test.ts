import { describe, expect, it } from 'vitest';
import { candidatePhotoSvg } from './photo.js';

describe('candidate photos', () => {
  const candidate = { code: '4821', name: { fa: 'علی <رضایی> & "دوستان"', en: 'Ali Rezaei' } };

  it('is a self-contained SVG showing the code, with no external resource', () => {
    const svg = candidatePhotoSvg(candidate);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>4821</text>');
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(
      /https?:|@import|<image|href=/,
    );
  });

  it('escapes names into the title', () => {
    const svg = candidatePhotoSvg(candidate);
    expect(svg).toContain('&#60;رضایی&#62; &#38; &#34;دوستان&#34;');
    expect(svg).not.toContain('<رضایی>');
  });

  it('is the same for the same candidate and differs between candidates', () => {
    expect(candidatePhotoSvg(candidate)).toBe(candidatePhotoSvg({ ...candidate }));
    expect(candidatePhotoSvg({ ...candidate, code: '4822' })).not.toBe(
      candidatePhotoSvg(candidate),
    );
  });
});
