/*
 * Homomorphic accumulation of ristretto255 elements in decoded form (docs/CRYPTO.md §9.1,
 * bench/crypto/RESULTS.md §4), compiled to WebAssembly by packages/crypto/wasm/build.sh.
 *
 * Each input element is decoded once (RFC 9496 §4.3.1, rejecting non-canonical and invalid
 * encodings exactly as libsodium's crypto_core_ristretto255_is_valid_point does), added to its
 * total in extended twisted-Edwards coordinates (add-2008-hwcd-3), and each total is encoded once
 * at the end (RFC 9496 §4.3.2). libsodium offers only encoded elements, so its addition decodes
 * two elements and encodes one for every input; this does a third of that work.
 *
 * PUBLIC DATA ONLY: not constant-time (branches on values, early rejection). It adds ballots'
 * ciphertexts, which are public; it never sees a secret. Field elements are ten signed 64-bit
 * limbs of 26 and 25 bits alternately (the "ref10" radix 2^25.5), so every product fits an i64.
 * Tested against libsodium on random and invalid inputs (packages/crypto/src/recount.test.ts).
 */
#include <stdint.h>

typedef int64_t fe[10];

/* No libc here: the compiler may still call memset for a zeroed array. */
void *memset(void *dst, int c, unsigned long n) {
  volatile uint8_t *p = dst;
  while (n--) *p++ = (uint8_t)c;
  return dst;
}

static const int BITS[10] = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};

/* Constants of RFC 9496 §4.1 as limbs: computed by build.sh (-DCONST_…), checked by the tests. */
static const fe FE_D = {CONST_D};
static const fe FE_D2 = {CONST_D2};
static const fe FE_SQRT_M1 = {CONST_SQRT_M1};
static const fe FE_INVSQRT_A_MINUS_D = {CONST_INVSQRT_A_MINUS_D};

static void fe_copy(fe h, const fe f) {
  for (int i = 0; i < 10; i++) h[i] = f[i];
}
static void fe_zero(fe h) {
  for (int i = 0; i < 10; i++) h[i] = 0;
}
static void fe_one(fe h) {
  fe_zero(h);
  h[0] = 1;
}
static void fe_add(fe h, const fe f, const fe g) {
  for (int i = 0; i < 10; i++) h[i] = f[i] + g[i];
}
static void fe_sub(fe h, const fe f, const fe g) {
  for (int i = 0; i < 10; i++) h[i] = f[i] - g[i];
}
static void fe_neg(fe h, const fe f) {
  for (int i = 0; i < 10; i++) h[i] = -f[i];
}

/* One carry step: limb i keeps its low bits (rounded: the remainder is in [−2^(b−1), 2^(b−1))). */
#define CARRY(t, i, b)                                    \
  do {                                                    \
    int64_t c_ = (t[i] + ((int64_t)1 << ((b)-1))) >> (b); \
    t[(i) + 1] += c_;                                     \
    t[i] -= c_ * ((int64_t)1 << (b));                     \
  } while (0)
#define CARRY9(t)                                          \
  do {                                                     \
    int64_t c_ = (t[9] + ((int64_t)1 << 24)) >> 25;        \
    t[0] += 19 * c_;                                       \
    t[9] -= c_ * ((int64_t)1 << 25);                       \
  } while (0)

/* ref10's carry order after a product: every limb ends within about ±2^25 (±2^24 for odd). */
static void fe_carry(int64_t *t) {
  CARRY(t, 0, 26);
  CARRY(t, 4, 26);
  CARRY(t, 1, 25);
  CARRY(t, 5, 25);
  CARRY(t, 2, 26);
  CARRY(t, 6, 26);
  CARRY(t, 3, 25);
  CARRY(t, 7, 25);
  CARRY(t, 4, 26);
  CARRY(t, 8, 26);
  CARRY9(t);
  CARRY(t, 0, 26);
}

/* Floor carries, twice around: limbs back in [0, 2^bits) (limb 0 may exceed by a few units). */
static void fe_carry_floor(int64_t *t) {
#pragma clang loop unroll(full)
  for (int pass = 0; pass < 2; pass++) {
#pragma clang loop unroll(full)
    for (int i = 0; i < 9; i++) {
      int64_t c = t[i] >> BITS[i];
      t[i + 1] += c;
      t[i] -= c * ((int64_t)1 << BITS[i]);
    }
    int64_t c = t[9] >> 25;
    t[9] -= c * ((int64_t)1 << 25);
    t[0] += 19 * c;
  }
}

/* h = f·g. Each product term is one multiplication: the factors 2 (odd × odd limbs) and 19
 * (the wrap past 2^255) are folded into precomputed copies of the inputs, as ref10 does. */
static void fe_mul(fe h, const fe f, const fe g) {
  int64_t t[10] = {0}, f2[10], g19[10];
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    f2[i] = 2 * f[i];
    g19[i] = 19 * g[i];
  }
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
#pragma clang loop unroll(full)
    for (int j = 0; j < 10; j++) {
      int64_t a = ((i & 1) && (j & 1)) ? f2[i] : f[i];
      if (i + j >= 10)
        t[i + j - 10] += a * g19[j];
      else
        t[i + j] += a * g[j];
    }
  }
  fe_carry(t);
  fe_copy(h, t);
}

/* h = f². Off-diagonal terms counted once, doubled through the precomputed 2f and 4f. */
static void fe_sq(fe h, const fe f) {
  int64_t t[10] = {0}, f2[10], f4[10], f19[10];
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
    f2[i] = 2 * f[i];
    f4[i] = 4 * f[i];
    f19[i] = 19 * f[i];
  }
#pragma clang loop unroll(full)
  for (int i = 0; i < 10; i++) {
#pragma clang loop unroll(full)
    for (int j = i; j < 10; j++) {
      int odd = (i & 1) && (j & 1);
      int64_t a = i == j ? (odd ? f2[i] : f[i]) : (odd ? f4[i] : f2[i]);
      if (i + j >= 10)
        t[i + j - 10] += a * f19[j];
      else
        t[i + j] += a * f[j];
    }
  }
  fe_carry(t);
  fe_copy(h, t);
}

static void fe_sqn(fe h, const fe f, int n) {
  fe_sq(h, f);
  for (int i = 1; i < n; i++) fe_sq(h, h);
}

/* The canonical 32 bytes of f (value mod p, little-endian). */
static void fe_tobytes(uint8_t *s, const fe f) {
  int64_t t[10];
  fe_copy(t, f);
  for (int pass = 0; pass < 3; pass++) fe_carry_floor(t);
  /* Now every limb is in [0, 2^bits): the value v is in [0, 2^255). v ≥ p iff v + 19 ≥ 2^255. */
  int64_t u[10];
  fe_copy(u, t);
  u[0] += 19;
#pragma clang loop unroll(full)
  for (int i = 0; i < 9; i++) {
    int64_t c = u[i] >> BITS[i];
    u[i + 1] += c;
    u[i] -= c * ((int64_t)1 << BITS[i]);
  }
  int64_t top = u[9] >> 25;
  u[9] -= top * ((int64_t)1 << 25);
  const int64_t *r = top ? u : t;
  uint64_t acc = 0;
  int accbits = 0, o = 0;
  for (int i = 0; i < 10; i++) {
    acc |= (uint64_t)r[i] << accbits;
    accbits += BITS[i];
    while (accbits >= 8) {
      s[o++] = (uint8_t)(acc & 0xff);
      acc >>= 8;
      accbits -= 8;
    }
  }
  s[31] = (uint8_t)acc;
}

/* The low 255 bits of s as a field element (not reduced). */
static void fe_frombytes(fe h, const uint8_t *s) {
  uint64_t acc = 0;
  int accbits = 0, idx = 0;
  for (int i = 0; i < 10; i++) {
    while (accbits < BITS[i]) {
      acc |= (uint64_t)s[idx++] << accbits;
      accbits += 8;
    }
    h[i] = (int64_t)(acc & (((uint64_t)1 << BITS[i]) - 1));
    acc >>= BITS[i];
    accbits -= BITS[i];
  }
}

static int fe_isneg(const fe f) {
  uint8_t s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

static int fe_iszero(const fe f) {
  uint8_t a[32];
  fe_tobytes(a, f);
  int d = 0;
  for (int i = 0; i < 32; i++) d |= a[i];
  return d == 0;
}

static void fe_abs(fe h, const fe f) {
  if (fe_isneg(f))
    fe_neg(h, f);
  else
    fe_copy(h, f);
}

/* z^((p-5)/8) = z^(2^252 - 3), ref10's addition chain. */
static void fe_pow22523(fe out, const fe z) {
  fe t0, t1, t2;
  fe_sq(t0, z);
  fe_sqn(t1, t0, 2);
  fe_mul(t1, z, t1);
  fe_mul(t0, t0, t1);
  fe_sq(t0, t0);
  fe_mul(t0, t1, t0);
  fe_sqn(t1, t0, 5);
  fe_mul(t0, t1, t0);
  fe_sqn(t1, t0, 10);
  fe_mul(t1, t1, t0);
  fe_sqn(t2, t1, 20);
  fe_mul(t1, t2, t1);
  fe_sqn(t1, t1, 10);
  fe_mul(t0, t1, t0);
  fe_sqn(t1, t0, 50);
  fe_mul(t1, t1, t0);
  fe_sqn(t2, t1, 100);
  fe_mul(t1, t2, t1);
  fe_sqn(t1, t1, 50);
  fe_mul(t0, t1, t0);
  fe_sqn(t0, t0, 2);
  fe_mul(out, t0, z);
}

/* RFC 9496 §4.2 SQRT_RATIO_M1(u, v): returns was_square, r = |sqrt(u/v)| or |sqrt(i·u/v)|. */
static int sqrt_ratio_m1(fe r, const fe u, const fe v) {
  fe v3, v7, t, check, neg_u, neg_u_i, r_prime;
  fe_sq(v3, v);
  fe_mul(v3, v3, v); /* v^3 */
  fe_sq(v7, v3);
  fe_mul(v7, v7, v); /* v^7 */
  fe_mul(t, u, v7);
  fe_pow22523(t, t);
  fe_mul(r, u, v3);
  fe_mul(r, r, t);
  fe_sq(check, r);
  fe_mul(check, check, v);
  fe_neg(neg_u, u);
  fe_mul(neg_u_i, neg_u, FE_SQRT_M1);
  uint8_t bc[32], bu[32], bn[32], bi[32];
  fe_tobytes(bc, check);
  fe_tobytes(bu, u);
  fe_tobytes(bn, neg_u);
  fe_tobytes(bi, neg_u_i);
  int dc = 0, dn = 0, di = 0;
  for (int i = 0; i < 32; i++) {
    dc |= bc[i] ^ bu[i];
    dn |= bc[i] ^ bn[i];
    di |= bc[i] ^ bi[i];
  }
  int correct = dc == 0, flipped = dn == 0, flipped_i = di == 0;
  if (flipped || flipped_i) {
    fe_mul(r_prime, r, FE_SQRT_M1);
    fe_copy(r, r_prime);
  }
  fe_abs(r, r);
  return correct || flipped;
}

typedef struct {
  fe x, y, z, t;
} point;

static void point_identity(point *p) {
  fe_zero(p->x);
  fe_one(p->y);
  fe_one(p->z);
  fe_zero(p->t);
}

/* RFC 9496 §4.3.1; 0 for an invalid or non-canonical encoding. */
static int point_decode(point *p, const uint8_t *b) {
  fe s, ss, u1, u2, u2_sqr, v, t, one, invsqrt, den_x, den_y, x, y;
  uint8_t back[32];
  if (b[0] & 1) return 0; /* negative s */
  fe_frombytes(s, b);
  fe_tobytes(back, s);
  for (int i = 0; i < 32; i++)
    if (back[i] != b[i]) return 0; /* s ≥ p, or the top bit set */
  fe_one(one);
  fe_sq(ss, s);
  fe_sub(u1, one, ss);
  fe_add(u2, one, ss);
  fe_sq(u2_sqr, u2);
  fe_sq(t, u1);
  fe_mul(t, t, FE_D);
  fe_neg(v, t);
  fe_sub(v, v, u2_sqr);
  fe_mul(t, v, u2_sqr);
  int was_square = sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den_x, invsqrt, u2);
  fe_mul(den_y, invsqrt, den_x);
  fe_mul(den_y, den_y, v);
  fe_mul(x, s, den_x);
  fe_add(x, x, x);
  fe_abs(x, x);
  fe_mul(y, u1, den_y);
  fe_mul(t, x, y);
  if (!was_square || fe_isneg(t) || fe_iszero(y)) return 0;
  fe_copy(p->x, x);
  fe_copy(p->y, y);
  fe_one(p->z);
  fe_copy(p->t, t);
  return 1;
}

/* RFC 9496 §4.3.2. */
static void point_encode(uint8_t *out, const point *p) {
  fe u1, u2, t, one, invsqrt, den1, den2, z_inv, ix0, iy0, ench, x, y, den_inv, s;
  fe_add(t, p->z, p->y);
  fe_sub(u1, p->z, p->y);
  fe_mul(u1, t, u1);
  fe_mul(u2, p->x, p->y);
  fe_sq(t, u2);
  fe_mul(t, u1, t);
  fe_one(one);
  sqrt_ratio_m1(invsqrt, one, t);
  fe_mul(den1, invsqrt, u1);
  fe_mul(den2, invsqrt, u2);
  fe_mul(z_inv, den1, den2);
  fe_mul(z_inv, z_inv, p->t);
  fe_mul(ix0, p->x, FE_SQRT_M1);
  fe_mul(iy0, p->y, FE_SQRT_M1);
  fe_mul(ench, den1, FE_INVSQRT_A_MINUS_D);
  fe_mul(t, p->t, z_inv);
  int rotate = fe_isneg(t);
  if (rotate) {
    fe_copy(x, iy0);
    fe_copy(y, ix0);
    fe_copy(den_inv, ench);
  } else {
    fe_copy(x, p->x);
    fe_copy(y, p->y);
    fe_copy(den_inv, den2);
  }
  fe_mul(t, x, z_inv);
  if (fe_isneg(t)) fe_neg(y, y);
  fe_sub(s, p->z, y);
  fe_mul(s, den_inv, s);
  fe_abs(s, s);
  fe_tobytes(out, s);
}

/* add-2008-hwcd-3 (a = −1): r = p + q; r may alias p. */
static void point_add(point *r, const point *p, const point *q) {
  fe a, b, c, d, e, f, g, h, t;
  fe_sub(a, p->y, p->x);
  fe_sub(t, q->y, q->x);
  fe_mul(a, a, t);
  fe_add(b, p->y, p->x);
  fe_add(t, q->y, q->x);
  fe_mul(b, b, t);
  fe_mul(c, p->t, FE_D2);
  fe_mul(c, c, q->t);
  fe_mul(d, p->z, q->z);
  fe_add(d, d, d);
  fe_sub(e, b, a);
  fe_sub(f, d, c);
  fe_add(g, d, c);
  fe_add(h, b, a);
  fe_mul(r->x, e, f);
  fe_mul(r->y, g, h);
  fe_mul(r->t, e, h);
  fe_mul(r->z, f, g);
}

/* ---- the exported interface: totals live in this module's memory ---------------------------- */

#define MAX_TOTALS 4096
static point totals[MAX_TOTALS];
static uint8_t io[MAX_TOTALS * 32];

/** Where JavaScript writes input encodings and reads output encodings (32 bytes each). */
__attribute__((export_name("io"))) uint8_t *io_buffer(void) { return io; }

__attribute__((export_name("max_totals"))) int max_totals(void) { return MAX_TOTALS; }

/** Sets totals 0..n−1 to the identity. */
__attribute__((export_name("reset"))) void reset(int n) {
  for (int i = 0; i < n && i < MAX_TOTALS; i++) point_identity(&totals[i]);
}

/**
 * Adds the n encodings in io (32 bytes each) to totals 0..n−1, in order. Returns −1 when all
 * were valid, else the index of the first invalid encoding (nothing after it is added; the
 * caller discards the totals).
 */
__attribute__((export_name("add_row"))) int add_row(int n) {
  point p;
  for (int i = 0; i < n && i < MAX_TOTALS; i++) {
    if (!point_decode(&p, io + 32 * i)) return i;
    point_add(&totals[i], &totals[i], &p);
  }
  return -1;
}

/** Encodes totals 0..n−1 into io. */
__attribute__((export_name("encode"))) void encode(int n) {
  for (int i = 0; i < n && i < MAX_TOTALS; i++) point_encode(io + 32 * i, &totals[i]);
}

/** 1 iff the 32 bytes at io are a valid canonical encoding (for the tests). */
__attribute__((export_name("is_valid"))) int is_valid(void) {
  point p;
  return point_decode(&p, io);
}
