import { randomBytes, randomInt } from 'node:crypto';
import { canonicalJson, type DeviceMessage } from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import {
  shuffled,
  type OutboxMessage,
  type StationStore,
  type StoredBallot,
} from '../store/stationStore.js';

/**
 * The station's outbox (issue 5, law 3, docs/STATION.md "Outbox"): ballots go to HQ in
 * shuffled, signed batches. A batch becomes a durable outbox message (its id and signature
 * fixed) before it is first sent, and a retry resends it byte for byte, so HQ applies it
 * exactly once whatever was lost: the request, the answer, or the station itself (kill -9).
 * Retries back off exponentially with jitter up to a ceiling; the loop never gives up.
 */
export interface Transport {
  /** POSTs the signed message to HQ's /api/v1/ballots; throws when HQ cannot be reached. */
  send(signed: string): Promise<{ readonly status: number; readonly body: unknown }>;
}

export interface DeviceIdentity {
  readonly election: string;
  readonly branch: string;
  readonly serial: string;
  /** The device's Ed25519 seed (hex): never logged, never sent. */
  readonly seed: string;
  /** The full hash of the configuration package the station runs. */
  readonly packageHash: string;
}

export interface OutboxOptions {
  /** Ballots per message (default 10): a random draw from the pool. */
  readonly batchSize?: number;
  /**
   * Law 2: no batch is made while fewer ballots than this wait unsent (the mixing pool,
   * default 30), and a batch takes `batchSize` of them at random, so a ballot waits a random
   * number of rounds and a batch is never "the last voters' ballots": HQ's order of arrival
   * follows the order of casting only loosely (docs/STATION.md §7 measures how loosely).
   * `flush({ all: true })` (closing, device swap) sends the remainder.
   */
  readonly minBatch?: number;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** One signed ballot batch, as the outbox stores and sends it. */
export function buildBatch(
  identity: DeviceIdentity,
  ballots: readonly StoredBallot[],
  at = new Date(),
): { id: string; signed: string } {
  const id = randomBytes(16).toString('hex');
  const message: DeviceMessage = {
    v: 1,
    election: identity.election,
    branch: identity.branch,
    device: identity.serial,
    kind: 'ballots.submit',
    id,
    at: at.toISOString(),
    body: {
      package: identity.packageHash,
      batch: shuffled(ballots).map((b) => JSON.parse(b.document) as unknown),
    },
  };
  return { id, signed: canonicalJson(signDeviceMessage(message, identity.seed)) };
}

export type FlushResult = 'idle' | 'delivered' | 'unreachable';

/** HQ answers these when a retry later may succeed; any other 4xx is final. */
const RETRYABLE = new Set([408, 425, 429]);

export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failures = 0;
  private readonly batchSize: number;
  private readonly minBatch: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly store: StationStore,
    private readonly identity: DeviceIdentity,
    private readonly transport: Transport,
    options: OutboxOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 10;
    this.minBatch = options.minBatch ?? 30;
    this.minDelayMs = options.minDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  private async deliver(message: OutboxMessage): Promise<boolean> {
    this.store.countAttempt(message.id);
    let answer: { status: number; body: unknown };
    try {
      answer = await this.transport.send(message.signed);
    } catch {
      return false;
    }
    if (answer.status >= 200 && answer.status < 300) {
      this.store.settle(message.id, 'acked');
      return true;
    }
    if (answer.status >= 500 || RETRYABLE.has(answer.status)) return false;
    // A final refusal (revoked device, stale package): kept for the operator and the device
    // swap file, never retried blindly.
    this.store.settle(message.id, 'refused');
    return true;
  }

  /** Sends every pending message, then batches what waits (all of it with `all`) and sends it. */
  async flush(options: { readonly all?: boolean } = {}): Promise<FlushResult> {
    let sent = false;
    for (;;) {
      const pending = this.store.pendingMessages();
      const enough = options.all === true || this.store.unbatchedCount() >= this.minBatch;
      const next =
        pending[0] ??
        (enough
          ? this.store.enqueueBatch(this.batchSize, (ballots) => buildBatch(this.identity, ballots))
          : undefined);
      if (next === undefined) return sent ? 'delivered' : 'idle';
      if (!(await this.deliver(next))) return 'unreachable';
      sent = true;
    }
  }

  /** The delay before the next try: exponential in the failures, with full jitter. */
  nextDelay(): number {
    if (this.failures === 0) return this.minDelayMs;
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(this.failures, 16));
    return this.minDelayMs + randomInt(Math.max(1, ceiling - this.minDelayMs));
  }

  private busy = false;

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (!this.running || this.busy) return;
    this.busy = true;
    const result = await this.flush().catch(() => 'unreachable' as const);
    this.busy = false;
    this.failures = result === 'unreachable' ? this.failures + 1 : 0;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may run during the await
    if (this.running) this.schedule(this.nextDelay());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Sends now (after a cast) instead of waiting for the timer; backoff still holds. */
  nudge(): void {
    if (this.running && !this.busy && this.failures === 0) this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}

/** The HTTP transport to HQ (fetch, with a timeout so a silent network counts as a failure). */
export function httpTransport(hqUrl: string, timeoutMs = 10_000): Transport {
  const url = new URL('/api/v1/ballots', hqUrl).toString();
  return {
    async send(signed) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signed,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await res.json().catch((): unknown => null) };
    },
  };
}

/** The failed device's ballots as a file HQ imports after a swap (ballots/import). */
export function exportDeviceFile(store: StationStore, identity: DeviceIdentity): string {
  while (store.enqueueBatch(200, (ballots) => buildBatch(identity, ballots)) !== undefined) {
    // every ballot into some signed message first
  }
  const messages = store.allMessages().map((m) => JSON.parse(m.signed) as unknown);
  return `${canonicalJson({ format: 'sandogh/device-ballots/1', messages })}\n`;
}
