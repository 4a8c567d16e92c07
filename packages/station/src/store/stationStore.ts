import { createHash, randomInt } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The station's local durable store (issue 5, law 3, docs/STATION.md "Store"): one SQLite
 * file in WAL mode with synchronous FULL, so a transaction that returned is on the disk and
 * survives a kill -9 or a power cut. A ballot is "recorded" only after `sealBallot` returned.
 *
 * Law 2 at the station: every table is WITHOUT ROWID, keyed by a hash (tracking code, card
 * hash, random message id), so no hidden rowid keeps the order of casting; ballots carry the
 * day only; the used card is kept as a hash, in a table that has no column in common with the
 * ballots. Counters are plain numbers. Once HQ has acknowledged a message, the station forgets
 * which ballots it carried and when it was made (`settle`): the message row is deleted with
 * `secure_delete` on (SQLite overwrites freed content with zeros) and its ballots keep only the
 * mark `sent`, so the store at closing holds no batch membership and no batch time.
 *
 * The offline rule (law 1): provisional ballots wait in `provisional_ballots` under their
 * handle, out of the outbox's reach; the handle–voter copy (`offline_marks`) lives only until
 * HQ decides, then is deleted (zeroed) in the transaction that releases or drops the ballot.
 */
export const SENT = 'sent';

/** Fisher–Yates with a cryptographic source: an order that says nothing (law 2). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}
export interface StoredBallot {
  readonly trackingCode: string;
  /** The EncryptedBallot as canonical JSON. */
  readonly document: string;
}

export interface OutboxMessage {
  readonly id: string;
  /** The signed device message as canonical JSON, resent byte for byte on every retry. */
  readonly signed: string;
  readonly state: 'pending' | 'acked' | 'refused';
  readonly attempts: number;
}

export interface StationCounts {
  readonly cast: number;
  readonly challenged: number;
  readonly cardsUsed: number;
  readonly abandoned: number;
}

const SCHEMA = `
create table if not exists meta (key text primary key, value text not null) without rowid;
create table if not exists ballots (
  tracking_code text primary key,
  document text not null,
  batch_id text
) without rowid;
create table if not exists used_cards (card_hash text primary key) without rowid;
create table if not exists card_reports (token text primary key) without rowid;
create table if not exists challenged (tracking_code text primary key, document text not null) without rowid;
create table if not exists outbox (
  id text primary key,
  signed text not null,
  state text not null check (state in ('pending', 'acked', 'refused')),
  attempts integer not null
) without rowid;
create table if not exists branch_marks (national_code text primary key) without rowid;
create table if not exists offline_marks (
  handle text primary key,
  national_code text not null,
  at text not null
) without rowid;
create table if not exists provisional_cards (
  handle text primary key,
  state text not null check (state in ('pending', 'confirmed', 'rejected'))
) without rowid;
create table if not exists provisional_ballots (
  handle text primary key,
  tracking_code text not null,
  document text not null
) without rowid;
`;

/**
 * The offline rule at the station (law 1, docs/STATION.md §4 "Offline"): the provisional
 * ballots' counts for the tally report. `pending` are sealed and held out of the outbox until
 * HQ's decision; `confirmed` went into the outbox without their handle; `excluded` were deleted
 * unread.
 */
export interface ProvisionalCounts {
  readonly cast: number;
  readonly confirmed: number;
  readonly excluded: number;
  readonly pending: number;
}

/** One offline check-in as the station keeps it until HQ decides (the handle–voter copy). */
export interface OfflineMarkRow {
  readonly handle: string;
  readonly nationalCode: string;
  readonly at: string;
}

export type ProvisionalState = 'pending' | 'confirmed' | 'rejected';

export function cardHash(token: string): string {
  return createHash('sha256').update(`sandogh/card:${token}`).digest('hex');
}

export class StationStore {
  readonly db: BetterSqlite3.Database;

  constructor(file: string) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('select value from meta where key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      )
      .run(key, value);
  }

  private bump(key: string): void {
    this.setMeta(key, String(Number(this.getMeta(key) ?? '0') + 1));
  }

  cardUsed(token: string): boolean {
    return (
      this.db.prepare('select 1 from used_cards where card_hash = ?').get(cardHash(token)) !==
      undefined
    );
  }

  /**
   * Law 3: the ballot and the card's use become durable together, in one synchronous-FULL
   * transaction; only after this returns may the device print and say "recorded".
   */
  sealBallot(ballot: StoredBallot, cardToken: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('insert into ballots (tracking_code, document, batch_id) values (?, ?, null)')
        .run(ballot.trackingCode, ballot.document);
      this.db.prepare('insert into used_cards (card_hash) values (?)').run(cardHash(cardToken));
      this.bump('count.cast');
    })();
  }

  /** A challenged ballot with its opening (published, never counted: CRYPTO.md §7.5). */
  keepChallenged(trackingCode: string, document: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('insert or ignore into challenged (tracking_code, document) values (?, ?)')
        .run(trackingCode, document);
      this.bump('count.challenged');
    })();
  }

  /** A card read but never cast (the voter left): law 5's "abandoned". */
  abandonCard(cardToken: string, reportToHq = false): void {
    this.db.transaction(() => {
      this.db
        .prepare('insert or ignore into used_cards (card_hash) values (?)')
        .run(cardHash(cardToken));
      if (reportToHq)
        this.db.prepare('insert or ignore into card_reports (token) values (?)').run(cardToken);
      this.bump('count.abandoned');
    })();
  }

  /** Abandoned cards HQ has not yet been told of (kept until it answers, across restarts). */
  pendingCardReports(): string[] {
    return (this.db.prepare('select token from card_reports').all() as { token: string }[]).map(
      (r) => r.token,
    );
  }

  cardReported(cardToken: string): void {
    this.db.prepare('delete from card_reports where token = ?').run(cardToken);
  }

  counts(): StationCounts {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      cast: n('select count(*) as n from ballots'),
      challenged: n('select count(*) as n from challenged'),
      cardsUsed: n('select count(*) as n from used_cards'),
      abandoned: Number(this.getMeta('count.abandoned') ?? '0'),
    };
  }

  allBallots(): StoredBallot[] {
    return (
      this.db
        .prepare('select tracking_code, document from ballots order by tracking_code')
        .all() as {
        tracking_code: string;
        document: string;
      }[]
    ).map((r) => ({ trackingCode: r.tracking_code, document: r.document }));
  }

  /**
   * Puts up to `max` ballots not yet in any message into a new outbox message, atomically:
   * the message (with its id and signature) is durable before it is first sent, so a retry
   * after a crash resends the very same bytes. `build` signs the chosen ballots; the choice
   * is a cryptographic random draw from every unsent ballot, not the order of casting (law 2).
   */
  enqueueBatch(
    max: number,
    build: (ballots: readonly StoredBallot[]) => { id: string; signed: string },
  ): OutboxMessage | undefined {
    return this.db.transaction(() => {
      const waiting = (
        this.db.prepare('select tracking_code from ballots where batch_id is null').all() as {
          tracking_code: string;
        }[]
      ).map((r) => r.tracking_code);
      if (waiting.length === 0) return undefined;
      const read = this.db.prepare('select document from ballots where tracking_code = ?');
      const chosen = shuffled(waiting)
        .slice(0, max)
        .map((trackingCode) => ({
          trackingCode,
          document: (read.get(trackingCode) as { document: string }).document,
        }));
      const message = build(chosen);
      this.db
        .prepare("insert into outbox (id, signed, state, attempts) values (?, ?, 'pending', 0)")
        .run(message.id, message.signed);
      const mark = this.db.prepare('update ballots set batch_id = ? where tracking_code = ?');
      for (const b of chosen) mark.run(message.id, b.trackingCode);
      return { id: message.id, signed: message.signed, state: 'pending' as const, attempts: 0 };
    })();
  }

  pendingMessages(): OutboxMessage[] {
    return this.db
      .prepare("select id, signed, state, attempts from outbox where state = 'pending' order by id")
      .all() as OutboxMessage[];
  }

  allMessages(): OutboxMessage[] {
    return this.db
      .prepare('select id, signed, state, attempts from outbox order by id')
      .all() as OutboxMessage[];
  }

  /**
   * A message's end. `acked`: HQ holds its ballots, so the message is deleted (securely) and
   * its ballots are marked `sent` — nothing at the station ties them to one batch or to the
   * batch's instant any more (law 2). `refused`: kept whole, for the operator and the swap file.
   */
  settle(id: string, state: 'acked' | 'refused'): void {
    if (state === 'refused') {
      this.db.prepare('update outbox set state = ? where id = ?').run(state, id);
      return;
    }
    this.db.transaction(() => {
      this.db.prepare('update ballots set batch_id = ? where batch_id = ?').run(SENT, id);
      this.db.prepare('delete from outbox where id = ?').run(id);
    })();
  }

  countAttempt(id: string): void {
    this.db.prepare('update outbox set attempts = attempts + 1 where id = ?').run(id);
  }

  /** Whether this branch marked the code (online or offline): the offline rule's local check. */
  branchMarked(nationalCode: string): boolean {
    return (
      this.db.prepare('select 1 from branch_marks where national_code = ?').get(nationalCode) !==
      undefined
    );
  }

  /** HQ marked the voter at this branch (an online check-in). */
  markOnline(nationalCode: string): void {
    this.db
      .prepare('insert or ignore into branch_marks (national_code) values (?)')
      .run(nationalCode);
  }

  /**
   * An offline check-in (law 1): the code joins this branch's marks and the handle–voter copy
   * is kept until HQ decides; the provisional card's handle is pending. False (nothing written)
   * when the code is marked here already.
   */
  markOffline(mark: OfflineMarkRow): boolean {
    return this.db.transaction(() => {
      const added = this.db
        .prepare('insert or ignore into branch_marks (national_code) values (?)')
        .run(mark.nationalCode);
      if (added.changes === 0) return false;
      this.db
        .prepare('insert into offline_marks (handle, national_code, at) values (?, ?, ?)')
        .run(mark.handle, mark.nationalCode, mark.at);
      this.db
        .prepare("insert into provisional_cards (handle, state) values (?, 'pending')")
        .run(mark.handle);
      return true;
    })();
  }

  /** Offline marks not yet decided by HQ, in handle order (random: says nothing of time). */
  offlineMarks(limit: number): OfflineMarkRow[] {
    return (
      this.db
        .prepare('select handle, national_code, at from offline_marks order by handle limit ?')
        .all(limit) as { handle: string; national_code: string; at: string }[]
    ).map((r) => ({ handle: r.handle, nationalCode: r.national_code, at: r.at }));
  }

  provisionalState(handle: string): ProvisionalState | undefined {
    const row = this.db
      .prepare('select state from provisional_cards where handle = ?')
      .get(handle) as { state: ProvisionalState } | undefined;
    return row?.state;
  }

  /**
   * Law 1 and 3: a ballot cast on a provisional card, sealed durably with its card's use. Held
   * under its handle, out of the outbox, while HQ has not decided; already confirmed, it goes
   * straight among the ordinary ballots; already rejected, it is counted excluded and its
   * document is not kept.
   */
  sealProvisional(ballot: StoredBallot, cardToken: string, handle: string): void {
    this.db.transaction(() => {
      const state = this.provisionalState(handle);
      if (state === undefined) throw new Error('no provisional card with this handle');
      this.db.prepare('insert into used_cards (card_hash) values (?)').run(cardHash(cardToken));
      this.bump('count.provisional.cast');
      if (state === 'confirmed') {
        this.db
          .prepare('insert into ballots (tracking_code, document, batch_id) values (?, ?, null)')
          .run(ballot.trackingCode, ballot.document);
        this.bump('count.cast');
        this.bump('count.provisional.confirmed');
      } else if (state === 'rejected') {
        this.bump('count.provisional.excluded');
      } else {
        this.db
          .prepare(
            'insert into provisional_ballots (handle, tracking_code, document) values (?, ?, ?)',
          )
          .run(handle, ballot.trackingCode, ballot.document);
      }
    })();
  }

  /**
   * HQ's decisions on offline marks (law 1), in one transaction: a confirmed handle's ballot
   * joins the ordinary ballots without its handle (law 2: it mixes with the others in the
   * outbox); a rejected handle's ballot is deleted unread (secure_delete zeroes it); the
   * handle–voter copy of each decided mark is erased. Handles the station never issued are
   * ignored. Returns how many ballots were released and excluded.
   */
  applyDecisions(
    decisions: readonly { readonly handle: string; readonly decision: 'confirmed' | 'rejected' }[],
  ): { released: number; excluded: number } {
    return this.db.transaction(() => {
      let released = 0;
      let excluded = 0;
      const ballotOf = this.db.prepare(
        'select tracking_code, document from provisional_ballots where handle = ?',
      );
      for (const d of decisions) {
        this.db.prepare('delete from offline_marks where handle = ?').run(d.handle);
        const state = this.provisionalState(d.handle);
        if (state !== 'pending') continue;
        this.db
          .prepare('update provisional_cards set state = ? where handle = ?')
          .run(d.decision, d.handle);
        const held = ballotOf.get(d.handle) as
          { tracking_code: string; document: string } | undefined;
        if (held === undefined) continue;
        this.db.prepare('delete from provisional_ballots where handle = ?').run(d.handle);
        if (d.decision === 'confirmed') {
          this.db
            .prepare('insert into ballots (tracking_code, document, batch_id) values (?, ?, null)')
            .run(held.tracking_code, held.document);
          this.bump('count.cast');
          this.bump('count.provisional.confirmed');
          released += 1;
        } else {
          this.bump('count.provisional.excluded');
          excluded += 1;
        }
      }
      return { released, excluded };
    })();
  }

  provisionalCounts(): ProvisionalCounts {
    const meta = (key: string) => Number(this.getMeta(key) ?? '0');
    return {
      cast: meta('count.provisional.cast'),
      confirmed: meta('count.provisional.confirmed'),
      excluded: meta('count.provisional.excluded'),
      pending: (
        this.db.prepare('select count(*) as n from provisional_ballots').get() as { n: number }
      ).n,
    };
  }

  unbatchedCount(): number {
    return (
      this.db.prepare('select count(*) as n from ballots where batch_id is null').get() as {
        n: number;
      }
    ).n;
  }
}
