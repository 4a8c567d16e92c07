import { describe, expect, it } from 'vitest';
import { canonicalJson } from './jcs.js';

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units and serialises numbers and strings as ECMAScript does', () => {
    // RFC 8785 §3.2.3 sorting example (subset) and §3.2.2.3 number forms.
    expect(
      canonicalJson({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ud83d\ude00': 'Emoji',
        '1': 'One',
        '\u0080': 'Control',
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji"}',
    );
    expect(canonicalJson({ b: [1e21, 1e-7, -0, 0.1], a: null, c: 'ی' })).toBe(
      '{"a":null,"b":[1e+21,1e-7,0,0.1],"c":"ی"}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});
