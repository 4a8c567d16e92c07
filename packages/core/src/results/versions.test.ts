import { describe, expect, it } from 'vitest';
import { appendVersion, verifyVersionChain } from './versions.js';
import type { HashedResultVersion, VersionDraft, VersionSigner } from './versions.js';

const board: VersionSigner[] = [
  { staffId: 'sup-1', role: 'supervisory-board', signedAt: '2024-05-11T10:00:00Z' },
  { staffId: 'sup-2', role: 'supervisory-board', signedAt: '2024-05-11T10:01:00Z' },
];

function draft(state: VersionDraft['state'], extra: Partial<VersionDraft> = {}): VersionDraft {
  return {
    state,
    resultsHash: 'a'.repeat(64),
    reason: '',
    signers: [],
    createdAt: '2024-05-11T09:00:00Z',
    ...extra,
  };
}

function chainOf(...drafts: VersionDraft[]): HashedResultVersion[] {
  const chain: HashedResultVersion[] = [];
  for (const d of drafts) {
    const next = appendVersion(chain, d);
    if (!next.ok) throw new Error(next.error.message.en);
    chain.push(next.value);
  }
  return chain;
}

const certification = draft('certified', { reason: 'certified by the board', signers: board });

describe('result versions', () => {
  it('advance partial → provisional → final → certified, each naming the one before', () => {
    const chain = chainOf(draft('partial'), draft('provisional'), draft('final'), certification);
    expect(chain.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(chain[1]?.previousHash).toBe(chain[0]?.hash);
    expect(verifyVersionChain(chain)).toEqual({ ok: true, value: true });
  });

  it('certify only a final result, with a reason and two supervisory board signatures', () => {
    const provisional = chainOf(draft('provisional'));
    expect(appendVersion(provisional, certification)).toMatchObject({
      ok: false,
      error: { code: 'RESULTS_STATE_ORDER' },
    });
    const final = chainOf(draft('final'));
    const oneSigner = draft('certified', { reason: 'x', signers: board.slice(0, 1) });
    expect(appendVersion(final, oneSigner)).toMatchObject({
      error: { code: 'RESULTS_VERSION_UNSIGNED' },
    });
    const twiceTheSame = draft('certified', {
      reason: 'x',
      signers: [board[0], board[0]].flatMap((s) => (s === undefined ? [] : [s])),
    });
    expect(appendVersion(final, twiceTheSame)).toMatchObject({ ok: false });
    expect(appendVersion(final, draft('certified', { signers: board }))).toMatchObject({
      ok: false,
    });
  });

  it('after certification accept only a signed correction, as a new version', () => {
    const chain = chainOf(draft('final'), certification);
    expect(appendVersion(chain, draft('final'))).toMatchObject({
      error: { code: 'RESULTS_STATE_ORDER' },
    });
    const correction = appendVersion(
      chain,
      draft('certified', {
        resultsHash: 'b'.repeat(64),
        reason: 'branch b7 recounted by order of the board',
        signers: board,
      }),
    );
    expect(correction).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('detects a certified version altered in place', () => {
    const chain = chainOf(draft('final'), certification, draft('certified', { ...certification }));
    const altered = chain.map((v) => (v.version === 2 ? { ...v, resultsHash: 'c'.repeat(64) } : v));
    expect(verifyVersionChain(altered)).toMatchObject({
      ok: false,
      error: { code: 'RESULTS_VERSION_CHAIN_BROKEN', details: { version: 2, reason: 'hash' } },
    });
    // Recomputing the altered version's hash does not help: the next version names the old one.
    const rehashed = [...chain];
    const second = chain[1];
    if (second === undefined) throw new Error('no version 2');
    const forged = appendVersion(chain.slice(0, 1), { ...second, resultsHash: 'c'.repeat(64) });
    if (!forged.ok) throw new Error('forgery refused too early');
    rehashed[1] = forged.value;
    expect(verifyVersionChain(rehashed)).toMatchObject({
      error: { details: { version: 3, reason: 'previous hash' } },
    });
    expect(verifyVersionChain(chain.slice(1))).toMatchObject({ ok: false });
  });
});
