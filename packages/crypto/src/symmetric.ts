// Symmetric and signature primitives the profile borrows from libsodium (docs/CRYPTO.md §2.4):
// XChaCha20-Poly1305 (AEAD), Argon2id (memory-hard passphrase KDF) and Ed25519 verification.
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;

export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 24;

export function aeadEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/** null when the tag does not verify (wrong key, tampered ciphertext or associated data). */
export function aeadDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array,
): Uint8Array | null {
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    return null;
  }
}

export interface Argon2idParams {
  readonly opslimit: number;
  readonly memlimit: number;
}

/** libsodium's "moderate" level: 3 passes over 256 MiB, about a second here. */
export const ARGON2ID_MODERATE: Argon2idParams = {
  opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
  memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
};
/** For tests only: the smallest parameters libsodium accepts. */
export const ARGON2ID_TEST_ONLY: Argon2idParams = {
  opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN,
  memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN,
};
export const ARGON2ID_SALT_BYTES: number = sodium.crypto_pwhash_SALTBYTES;

export function argon2id(passphrase: string, salt: Uint8Array, params: Argon2idParams): Uint8Array {
  return sodium.crypto_pwhash(
    AEAD_KEY_BYTES,
    passphrase,
    salt,
    params.opslimit,
    params.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/**
 * ChaCha20 (RFC 8439) keystream with key `key`, nonce "LibsodiumDRG" and counter 0: libsodium's
 * documented randombytes_buf_deterministic construction, reproducible by any ChaCha20.
 */
export function chacha20Stream(key: Uint8Array, length: number): Uint8Array {
  return sodium.randombytes_buf_deterministic(length, key);
}

export function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** For tests and the demo: a device or trustee key pair. */
export function ed25519KeyPair(seed?: Uint8Array): {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
} {
  const kp = seed ? sodium.crypto_sign_seed_keypair(seed) : sodium.crypto_sign_keypair();
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sodium.crypto_sign_detached(message, secretKey);
}
