import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  auditKeyId,
  err,
  isEd25519PublicKeyBase64,
  ok,
  problem,
  type Problem,
  type Result,
} from '@sandogh/core';
import { parseStoreUrl } from '../url.js';

/**
 * HQ's checkpoint key (DESIGN §9 "Keys": Ed25519 for HQ checkpoints). The private half lives
 * in one file, PKCS #8 PEM, mode 0600, and never appears in a log, an export or an error: the
 * signer below holds it in a closure and shows only its public half, even to
 * `JSON.stringify` and `console.log`.
 */
export interface HqSigningKey {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key, standard base64 (as device keys are written). */
  readonly publicKey: string;
  sign(message: Uint8Array): Uint8Array;
}

export const HQ_KEY_FILE_NAME = 'hq-key.pem';

function rawPublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || jwk.x === undefined) throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

export function hqSigningKey(privateKey: KeyObject): HqSigningKey {
  const publicKey = rawPublicKey(privateKey);
  const keyId = auditKeyId(publicKey);
  const shown = { keyId, publicKey };
  return {
    keyId,
    publicKey,
    sign: (message) => new Uint8Array(cryptoSign(null, message, privateKey)),
    toJSON: () => shown,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `HqSigningKey ${keyId}`,
  } as HqSigningKey;
}

/** A key that lives only in memory: for tests and throw-away (in-memory) stores. */
export function ephemeralHqKey(): HqSigningKey {
  return hqSigningKey(generateKeyPairSync('ed25519').privateKey);
}

/** Ed25519 verification of a signature (base64) by a raw public key (base64). */
export function verifyEd25519(publicKey: string, message: Uint8Array, signature: string): boolean {
  if (!isEd25519PublicKeyBase64(publicKey)) return false;
  try {
    const key = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(publicKey, 'base64').toString('base64url'),
      },
      format: 'jwk',
    });
    return cryptoVerify(null, message, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function unreadable(file: string, error: unknown): Problem {
  const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
  return problem('AUDIT_KEY_FILE_UNREADABLE', { file, reason });
}

/** Reads the key file; refuses one that others may read, as ssh does. */
export function readHqKeyFile(file: string): Result<HqSigningKey, Problem> {
  let pem: string;
  try {
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0)
      return err(
        problem('AUDIT_KEY_FILE_EXPOSED', { file, mode: mode.toString(8).padStart(4, '0') }),
      );
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    return err(unreadable(file, error));
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return err(problem('AUDIT_KEY_INVALID', { file }));
    return ok(hqSigningKey(key));
  } catch {
    return err(problem('AUDIT_KEY_INVALID', { file }));
  }
}

export interface OpenedHqKey {
  readonly key: HqSigningKey;
  /** True when this call generated the key (HQ's first start); recorded in the log. */
  readonly created: boolean;
  readonly file: string;
}

/**
 * The key in `file`, generated there on first start (issue 3). Written exclusively (`wx`) with
 * mode 0600 in a folder of mode 0700: two servers starting at once cannot both create it —
 * the loser reads the winner's.
 */
export function openHqKeyFile(file: string): Result<OpenedHqKey, Problem> {
  const path = resolve(file);
  const existing = readHqKeyFile(path);
  if (existing.ok) return ok({ key: existing.value, created: false, file: path });
  if (existing.error.code !== 'AUDIT_KEY_FILE_UNREADABLE') return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      const raced = readHqKeyFile(path);
      return raced.ok ? ok({ key: raced.value, created: false, file: path }) : raced;
    }
    return err(unreadable(path, error));
  }
  return ok({ key: hqSigningKey(privateKey), created: true, file: path });
}

/**
 * Where HQ keeps its key when none is configured: `SANDOGH_HQ_KEY_FILE`, else `hq-key.pem` in
 * the data folder — `SANDOGH_DATA_DIR`, else the folder of the SQLite file, else `.sandogh`
 * (the CLI's default folder). Undefined for an in-memory store, whose key is in memory too.
 */
export function defaultHqKeyFile(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const configured = env['SANDOGH_HQ_KEY_FILE'];
  if (configured !== undefined && configured !== '') return configured;
  const dataDir = env['SANDOGH_DATA_DIR'];
  if (dataDir !== undefined && dataDir !== '') return join(dataDir, HQ_KEY_FILE_NAME);
  const where = parseStoreUrl(databaseUrl);
  if (where.ok && where.value.engine === 'sqlite') {
    if (where.value.path === ':memory:') return undefined;
    return join(dirname(where.value.path), HQ_KEY_FILE_NAME);
  }
  return join('.sandogh', HQ_KEY_FILE_NAME);
}
