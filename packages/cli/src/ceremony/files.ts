import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { err, ok, problem, problemsFromZod, type Problem, type Result } from '@sandogh/core';
import {
  announcementBody,
  commitmentBody,
  complaintBody,
  manifestBody,
  shareBody,
} from '@sandogh/hq';
import {
  manifestProblems,
  type AnnouncementCommitment,
  type Complaint,
  type CryptoManifest,
  type MemberAnnouncement,
  type SealedMemberSecret,
  type ShareMessage,
} from '@sandogh/crypto';
import { jsonText, readJsonFile } from '../files.js';

/**
 * The files the board members carry between their machines (docs/CEREMONY.md "Files"). Every
 * file is read as untrusted input (law 8): shape-checked with the HQ's own schemas before any
 * cryptography sees it, each problem naming the file and the path inside it.
 */

/** What the CLI needs of a zod schema (the HQ's, so the two never disagree on a message). */
export interface Schema<T> {
  safeParse(
    data: unknown,
    params?: { reportInput?: boolean },
  ): { success: true; data: T } | { success: false; error: Parameters<typeof problemsFromZod>[0] };
}

function checked<T>(
  value: unknown,
  schema: Schema<T>,
  path: (string | number)[],
): Result<T, Problem[]> {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? ok(parsed.data) : err(problemsFromZod(parsed.error, path));
}

/** Reads one JSON file against a schema; problems carry the file's name as their first path step. */
export function readChecked<T>(file: string, schema: Schema<T>): Result<T, Problem[]> {
  const raw = readJsonFile(file);
  if (!raw.ok) return err([raw.error]);
  return checked(raw.value, schema, [basename(file)]);
}

export function readManifest(file: string): Result<CryptoManifest, Problem[]> {
  const parsed = readChecked(file, manifestBody);
  if (!parsed.ok) return parsed;
  // A parsed JSON document holds no explicit undefined: zod's and crypto's optional spellings agree.
  const manifest = parsed.value as CryptoManifest;
  const problems = manifestProblems(manifest);
  return problems.length > 0
    ? err([problem('CEREMONY_MANIFEST_INVALID', { reason: problems.join('; ') })])
    : ok(manifest);
}

/** libsodium's bounds for Argon2id: a tampered header can neither crash opening nor make it cost more. */
const MIN_MEMLIMIT = 8192;
const MAX_MEMLIMIT = 4 * 1024 * 1024 * 1024;

function base64Of(value: unknown, bytes: number): boolean {
  return (
    typeof value === 'string' &&
    /^[A-Za-z0-9+/]*={0,2}$/.test(value) &&
    Buffer.from(value, 'base64').length === bytes
  );
}

function boundedInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The public header of a sealed secret (docs/CRYPTO.md §8.4); the rest is authenticated on opening. */
function sealedSecretFault(v: Record<string, unknown>): string | undefined {
  const kdf = v['kdf'];
  if (v['format'] !== 'sandogh/v1/sealed-member-secret') return 'format';
  if (!boundedInt(v['index'], 1, 255)) return 'index';
  if (typeof v['manifestHash'] !== 'string' || !/^[0-9a-f]{64}$/.test(v['manifestHash']))
    return 'manifestHash';
  if (typeof kdf !== 'object' || kdf === null) return 'kdf';
  const { alg, opslimit, memlimit, salt } = kdf as Record<string, unknown>;
  if (alg !== 'argon2id13' || !base64Of(salt, 16)) return 'kdf';
  if (!boundedInt(opslimit, 1, 64)) return 'kdf.opslimit';
  if (!boundedInt(memlimit, MIN_MEMLIMIT, MAX_MEMLIMIT)) return 'kdf.memlimit';
  if (v['aead'] !== 'xchacha20poly1305-ietf') return 'aead';
  if (!base64Of(v['nonce'], 24)) return 'nonce';
  if (typeof v['ciphertext'] !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v['ciphertext']))
    return 'ciphertext';
  return undefined;
}

export function readSealedSecret(file: string): Result<SealedMemberSecret, Problem[]> {
  const raw = readJsonFile(file);
  if (!raw.ok) return err([raw.error]);
  const value = raw.value;
  const fault =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? sealedSecretFault(value as Record<string, unknown>)
      : 'the whole file';
  if (fault !== undefined)
    return err([problem('CEREMONY_SECRET_INVALID', { file, reason: `bad ${fault}` })]);
  return ok(value as SealedMemberSecret);
}

/** Every .json file under a folder (one level of sub-folders too: `shares/from-2/…`), sorted. */
function jsonFilesIn(dir: string): Result<string[], Problem[]> {
  if (!existsSync(dir)) return err([problem('FILE_NOT_FOUND', { file: dir })]);
  if (!statSync(dir).isDirectory()) return ok([dir]);
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const inner of readdirSync(path, { withFileTypes: true }))
        if (inner.isFile() && inner.name.endsWith('.json')) files.push(join(path, inner.name));
    } else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
  }
  return ok(files.sort());
}

/**
 * A folder of messages as members collect them: one message per file, a list per file, or the
 * HQ's answer (`{"announcements": […]}`, `{"shares": […]}`, `{"complaints": […]}`) saved as is.
 */
function readMessages<T>(
  dir: string,
  schema: Schema<T>,
  listKey: string,
): Result<{ file: string; message: T }[], Problem[]> {
  const files = jsonFilesIn(dir);
  if (!files.ok) return files;
  const out: { file: string; message: T }[] = [];
  const problems: Problem[] = [];
  for (const file of files.value) {
    const raw = readJsonFile(file);
    if (!raw.ok) {
      problems.push(raw.error);
      continue;
    }
    const value = raw.value;
    const name = basename(file);
    const wrapped =
      typeof value === 'object' && value !== null && !Array.isArray(value) && listKey in value;
    const list: unknown = wrapped ? (value as Record<string, unknown>)[listKey] : value;
    const items: [unknown, (string | number)[]][] = Array.isArray(list)
      ? list.map((item: unknown, i) => [item, wrapped ? [name, listKey, i] : [name, i]])
      : [[list, wrapped ? [name, listKey] : [name]]];
    for (const [item, path] of items) {
      const parsed = checked(item, schema, path);
      if (parsed.ok) out.push({ file, message: parsed.value });
      else problems.push(...parsed.error);
    }
  }
  return problems.length > 0 ? err(problems) : ok(out);
}

export type Found<T> = { file: string; message: T }[];

export function readAnnouncements(dir: string): Result<Found<MemberAnnouncement>, Problem[]> {
  return readMessages(dir, announcementBody, 'announcements');
}

export function readCommitments(dir: string): Result<Found<AnnouncementCommitment>, Problem[]> {
  return readMessages(dir, commitmentBody, 'commitments');
}

export function readShares(dir: string): Result<Found<ShareMessage>, Problem[]> {
  return readMessages(dir, shareBody, 'shares');
}

export function readComplaints(dir: string): Result<Found<Complaint>, Problem[]> {
  return readMessages(dir, complaintBody, 'complaints');
}

/** Refuses to overwrite, unless told to: a board member's files are not to be lost by a typo. */
export function writeNew(file: string, value: unknown, force = false, mode = 0o644): Problem[] {
  if (existsSync(file) && !force) return [problem('FILE_EXISTS', { file })];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, jsonText(value), { mode });
  return [];
}

/**
 * Replaces a file atomically (write beside it, then rename): a crash leaves the old sealed
 * secret or the new one, never half of either.
 */
export function replaceAtomically(file: string, value: unknown, mode = 0o600): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, jsonText(value), { mode });
  renameSync(temporary, file);
}

/** An empty or missing folder to write into; a folder with files in it is refused. */
export function freshFolder(dir: string, force = false): Problem[] {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !force)
    return [problem('FILE_EXISTS', { file: dir })];
  mkdirSync(dir, { recursive: true });
  return [];
}
