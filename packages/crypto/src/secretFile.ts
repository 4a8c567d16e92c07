// A board member's secret file (docs/CRYPTO.md §8.4): the MemberSecret JSON sealed with
// XChaCha20-Poly1305 under a key stretched from the passphrase by Argon2id (memory-hard, so a
// stolen file costs an attacker ~256 MiB and ~1 s per guess at the default level).
import { fromBase64, toBase64 } from './codec.js';
import { randomBytes } from './group.js';
import { canonicalJson } from './jcs.js';
import { utf8Bytes } from './hash.js';
import {
  aeadDecrypt,
  aeadEncrypt,
  AEAD_NONCE_BYTES,
  argon2id,
  ARGON2ID_MODERATE,
  ARGON2ID_SALT_BYTES,
} from './symmetric.js';
import type { Argon2idParams } from './symmetric.js';
import type { MemberSecret } from './ceremony.js';

export interface SealedMemberSecret {
  readonly format: 'sandogh/v1/sealed-member-secret';
  /** Public, so a member can tell their files apart without the passphrase. */
  readonly index: number;
  readonly manifestHash: string;
  readonly kdf: {
    readonly alg: 'argon2id13';
    readonly opslimit: number;
    readonly memlimit: number;
    readonly salt: string;
  };
  readonly aead: 'xchacha20poly1305-ietf';
  readonly nonce: string;
  readonly ciphertext: string;
}

export class SecretFileError extends Error {
  override readonly name = 'SecretFileError';
}

/** The header is authenticated as associated data: changing the index or KDF cost breaks the tag. */
function header(s: Omit<SealedMemberSecret, 'ciphertext'>): Uint8Array {
  return utf8Bytes(canonicalJson(s));
}

export function sealMemberSecret(
  secret: MemberSecret,
  passphrase: string,
  params: Argon2idParams = ARGON2ID_MODERATE,
): SealedMemberSecret {
  if (passphrase.length < 8) throw new SecretFileError('passphrase must be at least 8 characters');
  const salt = randomBytes(ARGON2ID_SALT_BYTES);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const head: Omit<SealedMemberSecret, 'ciphertext'> = {
    format: 'sandogh/v1/sealed-member-secret',
    index: secret.index,
    manifestHash: secret.manifestHash,
    kdf: {
      alg: 'argon2id13',
      opslimit: params.opslimit,
      memlimit: params.memlimit,
      salt: toBase64(salt),
    },
    aead: 'xchacha20poly1305-ietf',
    nonce: toBase64(nonce),
  };
  const key = argon2id(passphrase, salt, params);
  const ciphertext = aeadEncrypt(key, nonce, utf8Bytes(JSON.stringify(secret)), header(head));
  key.fill(0);
  return { ...head, ciphertext: toBase64(ciphertext) };
}

export function openMemberSecret(sealed: SealedMemberSecret, passphrase: string): MemberSecret {
  const claimed: {
    readonly format?: unknown;
    readonly aead?: unknown;
    readonly kdf?: { readonly alg?: unknown };
  } = sealed;
  if (
    claimed.format !== 'sandogh/v1/sealed-member-secret' ||
    claimed.kdf?.alg !== 'argon2id13' ||
    claimed.aead !== 'xchacha20poly1305-ietf'
  ) {
    throw new SecretFileError('not a sealed member secret of this profile');
  }
  const { ciphertext, ...head } = sealed;
  const key = argon2id(passphrase, fromBase64(sealed.kdf.salt), sealed.kdf);
  const plain = aeadDecrypt(key, fromBase64(sealed.nonce), fromBase64(ciphertext), header(head));
  key.fill(0);
  if (plain === null) throw new SecretFileError('wrong passphrase or damaged file');
  const secret = JSON.parse(new TextDecoder().decode(plain)) as MemberSecret;
  plain.fill(0);
  return secret;
}
