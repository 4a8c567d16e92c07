import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  ProblemError,
  prepareAuditEntry,
  type AuditActor,
  type AuditCheckpointReason,
  type AuditEntryInput,
} from '@sandogh/core';
import {
  appendAudit,
  defaultHqKeyFile,
  ephemeralHqKey,
  openHqKeyFile,
  recordAudit,
  signCheckpoint,
  signCheckpointIn,
  type AppendedAudit,
  type AuditCheckpoint,
  type Database,
  type HqSigningKey,
  type Store,
} from '@sandogh/store';
import { auditActorOf } from './actor.js';

/** What a route gives `audit.record`: an entry whose actor, time and address may come from the request. */
export type AuditRecord = Omit<AuditEntryInput, 'actor' | 'sourceAddress'> & {
  /** Defaults to the request's actor (set by the access layer), else `anonymous`; HQ without a request. */
  readonly actor?: AuditActor;
  /** Defaults to the request's address. */
  readonly sourceAddress?: string | null;
};

/** The audit log as every HQ module sees it, through `ctx.audit` (issue 3, law 6). */
export interface HqAudit {
  /**
   * Records one entry in a transaction of its own: the one place routes record refusals and
   * acts that change nothing else. Concurrent calls share one transaction (group commit), so
   * a burst of refusals costs one durable commit, not one each.
   */
  record(entry: AuditRecord, request?: FastifyRequest): Promise<void>;
  /** Records inside the caller's transaction, so a state change and its entry commit together. */
  recordIn(
    trx: Kysely<Database>,
    entries: AuditRecord | readonly AuditRecord[],
    request?: FastifyRequest,
  ): Promise<AppendedAudit | undefined>;
  /** Signs a checkpoint now: every phase change (opening, closing, certification) calls this. */
  checkpoint(
    reason: AuditCheckpointReason,
    request?: FastifyRequest,
  ): Promise<AuditCheckpoint | undefined>;
  /** The same inside the caller's transaction, after its own entry. */
  checkpointIn(
    trx: Kysely<Database>,
    reason: AuditCheckpointReason,
    request?: FastifyRequest,
  ): Promise<AuditCheckpoint | undefined>;
  /** The HQ key's public half and id (never the private half). */
  readonly key: { readonly keyId: string; readonly publicKey: string };
  /** Public keys whose checkpoints verify: this key and earlier ones still trusted. */
  readonly trustedKeys: readonly string[];
  /** True when this start generated the key (recorded as `audit.key.generated`). */
  readonly keyCreated: boolean;
  readonly checkpointIntervalMs: number;
  startTimer(log: FastifyBaseLogger): void;
  stopTimer(): Promise<void>;
}

export interface HqAuditOptions {
  /** A key held elsewhere (tests, an HSM adapter); wins over files. */
  readonly key?: HqSigningKey;
  /** Where the key lives; else SANDOGH_HQ_KEY_FILE or the data folder (store/audit/hqKey.ts). */
  readonly keyFile?: string;
  /** How often the timer signs the head when it moved; 0 turns the timer off. Default 60 s. */
  readonly checkpointIntervalMs?: number;
  /** Earlier HQ public keys still trusted for old checkpoints (after a key rotation). */
  readonly trustedPublicKeys?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const HQ: AuditActor = { kind: 'system', id: 'hq' };
const DEFAULT_INTERVAL_MS = 60_000;

function resolveKey(
  databaseUrl: string,
  options: HqAuditOptions,
): { key: HqSigningKey; created: boolean } {
  if (options.key !== undefined) return { key: options.key, created: false };
  const file = options.keyFile ?? defaultHqKeyFile(databaseUrl, options.env ?? process.env);
  // An in-memory store forgets its log on exit; a key on disk would outlive what it signed.
  if (file === undefined) return { key: ephemeralHqKey(), created: false };
  const opened = openHqKeyFile(file);
  if (!opened.ok) throw new ProblemError(opened.error);
  return { key: opened.value.key, created: opened.value.created };
}

function intervalFrom(options: HqAuditOptions): number {
  const configured =
    options.checkpointIntervalMs ??
    Number((options.env ?? process.env)['SANDOGH_AUDIT_CHECKPOINT_MS'] ?? DEFAULT_INTERVAL_MS);
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_INTERVAL_MS;
}

function fromRequest(entry: AuditRecord, request: FastifyRequest | undefined): AuditEntryInput {
  const details =
    request === undefined || entry.details === null
      ? entry.details
      : { requestId: request.id, ...entry.details };
  return {
    ...entry,
    actor: entry.actor ?? (request === undefined ? HQ : auditActorOf(request)),
    sourceAddress: entry.sourceAddress ?? request?.ip ?? null,
    ...(details === undefined ? {} : { details }),
  };
}

interface Waiting {
  readonly entry: AuditEntryInput;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Opens the HQ's audit: its key (loaded, or generated on first start) and its writers. */
export function openHqAudit(
  store: Store,
  databaseUrl: string,
  options: HqAuditOptions = {},
): HqAudit {
  const { key, created } = resolveKey(databaseUrl, options);
  const env = options.env ?? process.env;
  const earlier = (env['SANDOGH_AUDIT_TRUSTED_KEYS'] ?? '').split(',').filter((k) => k !== '');
  const trustedKeys = [...new Set([key.publicKey, ...(options.trustedPublicKeys ?? earlier)])];
  const checkpointIntervalMs = intervalFrom(options);
  let waiting: Waiting[] = [];
  let flushing = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  async function flush(): Promise<void> {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await recordAudit(
          store,
          batch.map((w) => w.entry),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    flushing = false;
  }

  return {
    record(entry, request) {
      return new Promise<void>((resolve, reject) => {
        const input = fromRequest(entry, request);
        // A malformed entry fails its own caller at once (the executor's throw rejects this
        // promise), never the batch it would have joined.
        prepareAuditEntry(input, new Date().toISOString());
        waiting.push({ entry: input, resolve, reject });
        if (!flushing) void flush();
      });
    },
    recordIn: (trx, entries, request) =>
      appendAudit(
        trx,
        (Array.isArray(entries)
          ? (entries as readonly AuditRecord[])
          : [entries as AuditRecord]
        ).map((e) => fromRequest(e, request)),
      ),
    checkpoint: (reason, request) =>
      signCheckpoint(store, key, reason, {
        actor: request === undefined ? HQ : auditActorOf(request),
        sourceAddress: request?.ip ?? null,
      }),
    checkpointIn: (trx, reason, request) =>
      signCheckpointIn(trx, key, reason, {
        actor: request === undefined ? HQ : auditActorOf(request),
        sourceAddress: request?.ip ?? null,
      }),
    key: { keyId: key.keyId, publicKey: key.publicKey },
    trustedKeys,
    keyCreated: created,
    checkpointIntervalMs,
    startTimer(log) {
      if (timer !== undefined || checkpointIntervalMs === 0) return;
      timer = setInterval(() => {
        if (ticking !== undefined) return;
        ticking = signCheckpoint(store, key, 'periodic', { onlyIfChanged: true })
          .then(() => undefined)
          .catch((error: unknown) => {
            // Law 6 is not met while this fails: say so loudly, and keep trying each period.
            log.error({ err: error }, 'audit checkpoint failed');
          })
          .finally(() => {
            ticking = undefined;
          });
      }, checkpointIntervalMs);
      timer.unref();
    },
    async stopTimer() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await ticking;
    },
  };
}
