// For the station tests at HQ: the store fixture's election with a completed key ceremony, so
// that ballots can be encrypted, signed by the fixture's devices and delivered.
import { canonicalHash, canonicalJson, electionHash, type ElectionDefinition } from '@sandogh/core';
import {
  contextFromAnnouncements,
  createMember,
  encryptBallot,
  manifestHash,
  sendShares,
  toHex,
  type ElectionContext,
  type EncryptionResult,
} from '@sandogh/crypto';
import { addArtefact, loadDefinition, openCeremony, type Store } from '@sandogh/store';
import { tinyDefinition } from '@sandogh/store/testing';
import { cryptoManifestFromDefinition } from '../ceremony/manifest.js';

export interface KeyedElection {
  readonly definition: ElectionDefinition;
  readonly hash: string;
  readonly context: ElectionContext;
}

/**
 * tinyDefinition with a supervisory board of three (k = 2); `candidates` and `seats` make the
 * contest as large as the real one (32 and 16) for the intake benchmark.
 */
export function keyedDefinition(
  options: {
    readonly branches?: number;
    readonly candidates?: number;
    readonly seats?: number;
  } = {},
): ElectionDefinition {
  const tiny = tinyDefinition(options.branches === undefined ? {} : { branches: options.branches });
  const seats = options.seats ?? tiny.contest.maxSelections;
  const base: ElectionDefinition =
    options.candidates === undefined
      ? tiny
      : {
          ...tiny,
          constituency: { ...tiny.constituency, seats },
          contest: { ...tiny.contest, maxSelections: seats },
          candidates: Array.from({ length: options.candidates }, (_, i) => {
            const code = String(10 + i);
            return {
              code,
              name: { fa: `نامزد ${code}`, en: `Candidate ${code}` },
              photo: `photos/${code}.jpg`,
            };
          }),
        };
  const board = [1, 2, 3].map((i) => ({
    id: `SB-${i}`,
    name: { fa: `عضو ${i} هیات نظارت`, en: `Board member ${i}` },
    role: 'supervisory-board' as const,
    scope: { kind: 'constituency' as const },
  }));
  return { ...base, staff: [...base.staff, ...board] };
}

/** Loads the definition and stores a complete ceremony, as the ceremony routes would. */
export async function keyedElection(
  store: Store,
  definition: ElectionDefinition = keyedDefinition(),
): Promise<KeyedElection> {
  const hash = electionHash(definition);
  const loaded = await loadDefinition(store, definition, hash);
  if (!loaded.ok) throw new Error(loaded.error.message.en);
  const derived = cryptoManifestFromDefinition(definition, { k: 2 });
  if (!derived.ok) throw new Error('fixture manifest');
  const manifest = derived.value;
  const opened = await openCeremony(store, {
    electionId: definition.election.id,
    manifestHash: toHex(manifestHash(manifest)),
    n: 3,
    k: 2,
    manifest: canonicalJson(manifest),
  });
  if (!opened.ok) throw new Error(opened.error.message.en);
  const members = [1, 2, 3].map((i) => createMember(manifest, i));
  const announcements = members.map((m) => m.announcement);
  const add = async (
    kind: 'announcement' | 'share',
    sender: number,
    recipient: number,
    doc: object,
  ) => {
    const added = await addArtefact(store.db, opened.value.ceremony.id, {
      kind,
      sender,
      recipient,
      document: canonicalJson(doc),
      digest: canonicalHash(doc),
      verdict: null,
    });
    if (!added.ok) throw new Error(added.error.message.en);
  };
  for (const a of announcements) await add('announcement', a.index, 0, a);
  for (const m of members)
    for (const s of sendShares(manifest, m.secret, announcements))
      await add('share', s.from, s.to, s);
  return { definition, hash, context: contextFromAnnouncements(manifest, announcements) };
}

/** One encrypted ballot of `branchId` for the candidates at these ballot positions. */
export function testBallot(
  election: KeyedElection,
  branchId: string,
  choices: readonly number[] = [0],
): EncryptionResult {
  return encryptBallot(
    election.context,
    { branchId, day: election.definition.election.votingDay },
    choices,
  );
}
