import {
  BRANCH_PACKAGE_FORMAT,
  branchPackageBytes,
  err,
  ok,
  problem,
  type BranchPackage,
  type ElectionDefinition,
  type Problem,
  type Result,
  type SignedBranchPackage,
} from '@sandogh/core';
import { contextFromAnnouncements, contextToJson, type ElectionContextJson } from '@sandogh/crypto';
import {
  defaultHqKeyFile,
  ephemeralHqKey,
  listArtefacts,
  listDevices,
  openHqKeyFile,
  readDefinition,
  type HqSigningKey,
  type RegisteredDevice,
  type Store,
} from '@sandogh/store';
import { ceremonyState, incompleteBecause, loadCeremony } from '../ceremony/rules.js';

/**
 * The signed configuration package of a branch (issue 5, core branches/configPackage.ts,
 * docs/STATION.md): built from the store as it stands — the loaded definition, the branch's
 * devices, HQ's key and the election context once the ceremony is complete — and signed with
 * HQ's Ed25519 key, the same key that signs the audit log's checkpoints.
 */

/** The HQ key the packages are signed with: the audit's key file (store/audit/hqKey.ts). */
export function resolvePackageKey(
  databaseUrl: string,
  options: { readonly key?: HqSigningKey | undefined; readonly keyFile?: string | undefined } = {},
): HqSigningKey {
  if (options.key !== undefined) return options.key;
  const file = options.keyFile ?? defaultHqKeyFile(databaseUrl);
  if (file === undefined) return ephemeralHqKey();
  const opened = openHqKeyFile(file);
  if (!opened.ok) throw new Error(opened.error.message.en);
  return opened.value.key;
}

/** The election context (docs/CRYPTO.md §4.2) when the key ceremony is complete; else null. */
export async function electionContextOf(store: Store): Promise<ElectionContextJson | null> {
  const loaded = await loadCeremony(store);
  if (!loaded.ok) return null;
  const state = ceremonyState(
    loaded.value.ceremony.n,
    await listArtefacts(store.db, loaded.value.ceremony.id),
  );
  if (incompleteBecause(state) !== undefined) return null;
  return contextToJson(contextFromAnnouncements(loaded.value.manifest, state.announcements));
}

export async function buildBranchPackage(
  store: Store,
  branchId: string,
  key: HqSigningKey,
): Promise<Result<SignedBranchPackage, Problem>> {
  const stored = await readDefinition(store);
  if (!stored.ok) return err(problem('PACKAGE_NO_ELECTION'));
  const { definition, summary } = stored.value;
  const branch = definition.branches.find((b) => b.id === branchId);
  if (branch === undefined) return err(problem('DEVICES_BRANCH_UNKNOWN', { branch: branchId }));
  const devices = await listDevices(store.db, summary.id, branchId);
  const context = await electionContextOf(store);
  const pkg = assembleBranchPackage({
    definition,
    electionHash: summary.hash,
    branch,
    devices,
    key,
    context,
  });
  const signature = Buffer.from(key.sign(branchPackageBytes(pkg))).toString('base64');
  return ok({ package: pkg, signature });
}

/**
 * The package of one branch from its parts, without I/O: buildBranchPackage uses it, and the
 * device readiness view (readiness.ts) builds every branch's package hash with it from one
 * read of the store.
 */
export function assembleBranchPackage(parts: {
  readonly definition: ElectionDefinition;
  readonly electionHash: string;
  readonly branch: BranchPackage['branch'];
  readonly devices: readonly RegisteredDevice[];
  readonly key: Pick<HqSigningKey, 'keyId' | 'publicKey'>;
  readonly context: ElectionContextJson | null;
}): BranchPackage {
  const { definition, branch, key, context } = parts;
  return {
    format: BRANCH_PACKAGE_FORMAT,
    election: {
      hash: parts.electionHash,
      meta: definition.election,
      seats: definition.constituency.seats,
    },
    branch,
    contest: definition.contest,
    candidates: definition.candidates,
    devices: parts.devices.map((d) => ({
      serial: d.serial,
      kind: d.kind,
      publicKey: d.publicKey,
      branchId: d.branchId,
      zoneHqId: d.zoneHqId,
      status: d.status,
    })),
    trust: {
      hq: { keyId: key.keyId, publicKey: key.publicKey },
      electionContext: context === null ? null : { ...context },
    },
    registrySnapshot: null,
  };
}
