/**
 * The shapes of the HQ answers the screens read (the OpenAPI document at /docs/json is their
 * reference). Written out here rather than imported so the bundle carries no server code.
 */

export interface Bilingual {
  readonly fa: string;
  readonly en: string;
}

export type StaffScope =
  | { readonly kind: 'constituency' }
  | { readonly kind: 'zoneHq'; readonly zoneHqId: string }
  | { readonly kind: 'zone'; readonly zoneId: string }
  | { readonly kind: 'branches'; readonly branchIds: readonly string[] };

export interface Me {
  readonly account: {
    readonly username: string;
    readonly name: Bilingual;
    readonly role: string;
    readonly scope: StaffScope;
    readonly trusteeRole: 'chair' | 'secretary' | null;
  };
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly idleTimeoutSeconds: number;
  readonly passwordChangeRequired: boolean;
}

export interface ElectionSummary {
  readonly id: string;
  readonly hash: string;
  readonly shortHash: string;
  readonly title: Bilingual;
  readonly round: number;
  /** A civil date 'YYYY-MM-DD'. */
  readonly votingDay: string;
  readonly loadedAt: string;
}

export interface AreaSummary {
  readonly id: string;
  readonly name: Bilingual;
  readonly countyId: string;
  readonly branchCount: number;
  readonly mobileBranchCount: number;
  readonly expectedVoters: number;
}

export const AUDIT_OUTCOMES = ['succeeded', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_ACTOR_KINDS = ['staff', 'device', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export interface AuditEntry {
  readonly sequence: number;
  readonly electionId: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorScope: string | null;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly outcome: AuditOutcome;
  readonly reason: string | null;
  readonly sourceAddress: string | null;
  readonly details: unknown;
  readonly previousHash: string;
  readonly entryHash: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly next: number | null;
}

export interface AuditCheckpoint {
  readonly sequence: number;
  readonly entryHash: string;
  readonly signedAt: string;
  readonly reason: string;
  readonly keyId: string;
}

export interface CheckpointPage {
  readonly hqKey: { readonly keyId: string; readonly publicKey: string };
  readonly checkpoints: readonly AuditCheckpoint[];
  readonly next: number | null;
}

export type ChainVerdict =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly checkpoints: number;
      readonly unsignedEntries: number;
      readonly keysPinned: boolean;
    }
  | {
      readonly ok: false;
      readonly firstBad: {
        readonly sequence: number;
        readonly kind: string;
        readonly problem: { readonly message: Bilingual };
      };
    };

export interface TrackingHit {
  readonly found: true;
  /** `received`: at the HQ, before the election record is published (CEREMONY.md). */
  readonly status: 'cast' | 'challenged' | 'received';
  readonly branchId: string;
  readonly trackingCode: string;
  readonly shortCode: string;
}
