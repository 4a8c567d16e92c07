import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical.js';
import {
  AUDIT_ENTRY_FORMAT,
  auditEntryCanonical,
  auditEntryHash,
  prepareAuditEntry,
  type AuditEntry,
} from './entry.js';
import { auditCheckpointMessage, auditKeyId, isAuditCheckpointReason } from './checkpoint.js';
import { AuditEntryError } from './types.js';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('"\\\u2028\u0000', 'فارسی\u200c'),
);
const nullable = fc.option(text, { nil: null });
const entry: fc.Arbitrary<AuditEntry> = fc.record({
  sequence: fc.integer({ min: -5, max: Number.MAX_SAFE_INTEGER }),
  electionId: nullable,
  occurredAt: text,
  recordedAt: text,
  actorKind: text,
  actorId: nullable,
  actorRole: nullable,
  actorScope: nullable,
  action: text,
  objectType: nullable,
  objectId: nullable,
  outcome: text,
  reason: nullable,
  sourceAddress: nullable,
  details: nullable,
  previousHash: text,
});

describe('the hashed form of an audit entry', () => {
  it('is exactly the RFC 8785 canonical JSON of its fields and format', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(auditEntryCanonical(e)).toBe(canonicalJson({ ...e, format: AUDIT_ENTRY_FORMAT }));
      }),
      { numRuns: 300 },
    );
  });

  it('covers only the entry’s own fields, whatever else the object carries', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(auditEntryHash({ ...e, entryHash: 'x', extra: 1 } as AuditEntry)).toBe(
          auditEntryHash(e),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('preparing an entry', () => {
  const staff = { kind: 'staff', id: 'hq-1', role: 'hq-staff', scope: 'constituency' } as const;
  const now = '2024-05-10T04:30:00.000Z';

  it('keeps the facts and writes details canonically', () => {
    const fields = prepareAuditEntry(
      {
        action: 'access.refused',
        outcome: 'refused',
        reason: 'HTTP_NOT_FOUND',
        actor: staff,
        details: { b: 1, a: [true, null] },
      },
      now,
    );
    expect(fields).toMatchObject({
      actorId: 'hq-1',
      occurredAt: now,
      reason: 'HTTP_NOT_FOUND',
      details: '{"a":[true,null],"b":1}',
    });
  });

  it.each([
    ['a secret', { token: 'x' }],
    ['a session id', { session_id: 'x' }],
    ['a private key', { 'private-key': 'x' }],
    ['a person’s name', { firstName: 'x' }],
    ['a national code', { list: ['0012345679'] }],
    ['too deep a nesting', { a: { b: { c: { d: { e: 1 } } } } }],
    ['a number JSON cannot hold', { n: Number.NaN }],
    ['a strange key', { 'a b': 1 }],
  ])('refuses details holding %s', (_what, details) => {
    expect(() =>
      prepareAuditEntry(
        { action: 'access.login.succeeded', outcome: 'succeeded', actor: staff, details },
        now,
      ),
    ).toThrow(AuditEntryError);
  });

  it('accepts ordinary facts with look-alike words', () => {
    expect(() =>
      prepareAuditEntry(
        {
          action: 'access.login.succeeded',
          outcome: 'succeeded',
          actor: staff,
          details: { keysPinned: true, footprint: 3, count: 1234567890 },
        },
        now,
      ),
    ).not.toThrow();
  });
});

describe('checkpoint payloads', () => {
  it('sign a canonical message and name keys by a short hash', () => {
    expect(
      auditCheckpointMessage({
        sequence: 3,
        entryHash: 'ab',
        signedAt: 't',
        reason: 'periodic',
        keyId: 'k',
      }),
    ).toBe(
      '{"entryHash":"ab","format":"sandogh/v1/audit-checkpoint","keyId":"k","reason":"periodic","sequence":3,"signedAt":"t"}',
    );
    expect(auditKeyId(Buffer.alloc(32).toString('base64'))).toBe('66687aadf862bd77');
    expect(() => auditKeyId('nope')).toThrow();
  });

  it('accept the documented reasons only', () => {
    for (const r of [
      'periodic',
      'startup',
      'shutdown',
      'manual',
      'phase:opening',
      'phase:certification',
    ])
      expect(isAuditCheckpointReason(r)).toBe(true);
    for (const r of ['', 'phase:', 'Phase:x', 'hourly', 'phase:a b'])
      expect(isAuditCheckpointReason(r)).toBe(false);
  });
});
