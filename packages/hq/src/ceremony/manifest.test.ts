import { describe, expect, it } from 'vitest';
import { electionHash, sampleDefinition } from '@sandogh/core';
import { manifestProblems } from '@sandogh/crypto';
import {
  cryptoManifestFromDefinition,
  manifestDifferences,
  namedBoardMembers,
} from './manifest.js';
import { boardDefinition } from './testSupport.js';

const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

describe('the crypto manifest derived from the election definition', () => {
  const { definition } = boardDefinition(5);

  it('binds the definition by its hash, the ballot order, the voting day and the whole board', () => {
    const m = cryptoManifestFromDefinition(definition, { k: 3 });
    if (!m.ok) throw new Error(m.error[0]?.message.en);
    expect(manifestProblems(m.value)).toEqual([]);
    expect(m.value).toMatchObject({
      electionId: 'sample-2024',
      contestId: 'majlis',
      seats: 2,
      candidates: ['1001', '1002', '1003', '1004'],
      board: { n: 5, k: 3 },
      days: ['2024-05-10'],
      extra: {
        electionHash: electionHash(definition),
        boardMembers: ['SB-1', 'SB-2', 'SB-3', 'SB-4', 'SB-5'],
      },
    });
    expect(namedBoardMembers(m.value)).toEqual(['SB-1', 'SB-2', 'SB-3', 'SB-4', 'SB-5']);
  });

  it("lets a branch's report be signed by its voting device or a spare of its zone HQ, nothing else", () => {
    const m = cryptoManifestFromDefinition(definition, { k: 3 });
    if (!m.ok) throw new Error('manifest');
    const key = (serial: string) =>
      hex(definition.devices.find((d) => d.serial === serial)?.publicKey ?? '');
    expect(m.value.branches).toEqual([
      { id: '0001', reportKeys: [key('VOTE-0001'), key('SPARE-H01-1')] },
      { id: '0002', reportKeys: [key('VOTE-0002')] },
    ]);
  });

  it('takes a named part of the board for a rerun, and refuses anyone else', () => {
    const rerun = cryptoManifestFromDefinition(definition, { k: 2, members: ['SB-1', 'SB-4'] });
    expect(rerun.ok && rerun.value.board).toEqual({ n: 2, k: 2 });
    const stranger = cryptoManifestFromDefinition(definition, { k: 1, members: ['HQ-1'] });
    expect(stranger.ok ? 'ok' : stranger.error[0]?.code).toBe('CEREMONY_MANIFEST_INVALID');
    const twice = cryptoManifestFromDefinition(definition, { k: 1, members: ['SB-1', 'SB-1'] });
    expect(twice.ok ? 'ok' : twice.error[0]?.code).toBe('CEREMONY_MANIFEST_INVALID');
  });

  it('refuses a board size other than the one named, and a threshold outside 1..n', () => {
    const size = cryptoManifestFromDefinition(definition, { n: 4, k: 2 });
    expect(size.ok ? 'ok' : size.error[0]?.code).toBe('CEREMONY_BOARD_SIZE');
    for (const k of [0, 6, 1.5]) {
      const bad = cryptoManifestFromDefinition(definition, { k });
      expect(bad.ok ? 'ok' : bad.error[0]?.code, String(k)).toBe('CEREMONY_BOARD_INVALID');
    }
  });

  it('needs n when the definition lists no supervisory board, and then names no one', () => {
    const plain = sampleDefinition();
    const none = cryptoManifestFromDefinition(plain, { k: 2 });
    expect(none.ok ? 'ok' : none.error[0]?.code).toBe('CEREMONY_BOARD_INVALID');
    const m = cryptoManifestFromDefinition(plain, { n: 3, k: 2 });
    expect(m.ok && m.value.extra).toEqual({ electionHash: electionHash(plain) });
  });

  it('names the fields in which two manifests differ', () => {
    const a = cryptoManifestFromDefinition(definition, { k: 3 });
    const b = cryptoManifestFromDefinition(definition, { k: 2 });
    if (!a.ok || !b.ok) throw new Error('manifests');
    expect(manifestDifferences(a.value, b.value)).toEqual(['board']);
    expect(manifestDifferences(a.value, { ...a.value, days: ['2024-05-11'] })).toEqual(['days']);
  });
});
