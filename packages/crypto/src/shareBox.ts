// Transport of a Shamir share from member j to member ℓ (docs/CRYPTO.md §8.3): hashed ElGamal
// (ECIES) to ℓ's transport key E_ℓ with XChaCha20-Poly1305, as ElectionGuard 2.0 §3.2.2 sends
// shares by hashed ElGamal. Decryption needs only the DH value D = R^{e_ℓ}, so ℓ can complain by
// publishing D with a proof that it is correct, without giving away e_ℓ: anyone then opens the box.
import { baseMul, mul, randomScalar } from './group.js';
import type { Element, Scalar } from './group.js';
import { Transcript } from './hash.js';
import { aeadDecrypt, aeadEncrypt, AEAD_NONCE_BYTES } from './symmetric.js';

export interface SealedShare {
  readonly ephemeral: Element;
  readonly ciphertext: Uint8Array;
}

function boxKey(
  base: Uint8Array,
  from: number,
  to: number,
  ephemeral: Element,
  recipientKey: Element,
  dh: Element,
): Uint8Array {
  return new Transcript('share-key')
    .bytes(base)
    .u64(from)
    .u64(to)
    .element(ephemeral)
    .element(recipientKey)
    .element(dh)
    .digest();
}

function boxAd(base: Uint8Array, from: number, to: number): Uint8Array {
  return new Transcript('share-ad').bytes(base).u64(from).u64(to).encode();
}

// Each key encrypts exactly one message (a fresh ρ per box), so the all-zero nonce is never reused.
const NONCE = new Uint8Array(AEAD_NONCE_BYTES);

export function sealShare(
  base: Uint8Array,
  from: number,
  to: number,
  recipientKey: Element,
  share: Scalar,
  rho: Scalar = randomScalar(),
): SealedShare {
  const ephemeral = baseMul(rho);
  const key = boxKey(base, from, to, ephemeral, recipientKey, mul(recipientKey, rho));
  return { ephemeral, ciphertext: aeadEncrypt(key, NONCE, share, boxAd(base, from, to)) };
}

/** Opens a box with the DH value D = R^{e_ℓ}; null when the box does not authenticate. */
export function openShareWithDh(
  base: Uint8Array,
  from: number,
  to: number,
  recipientKey: Element,
  box: SealedShare,
  dh: Element,
): Uint8Array | null {
  const key = boxKey(base, from, to, box.ephemeral, recipientKey, dh);
  return aeadDecrypt(key, NONCE, box.ciphertext, boxAd(base, from, to));
}
