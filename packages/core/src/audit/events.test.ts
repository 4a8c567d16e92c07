import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffRole } from '../definition/schema.js';
import { auditEvents, isAuditAction } from './events.js';
import {
  AUDIT_DOC_END,
  AUDIT_DOC_START,
  renderAuditEventsDoc,
  spliceAuditEventsDoc,
} from './eventsDoc.js';
import { auditAreaOf, auditAreas, nistEventTypes, type AuditEventKind } from './types.js';

const kinds = Object.entries(auditEvents) as [string, AuditEventKind][];

describe('the table of audit event kinds', () => {
  it('names every code by its area and whole lower-case segments', () => {
    for (const [code] of kinds) {
      expect(code).toMatch(/^[a-z]+(\.[a-z][a-z0-9-]*)+$/);
      expect(Object.keys(auditAreas)).toContain(auditAreaOf(code));
    }
  });

  it('gives every kind a NIST id of its own, in its area’s block, and a documented Type', () => {
    const ids = kinds.map(([, k]) => k.nist.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [code, kind] of kinds) {
      const area = auditAreas[auditAreaOf(code) as keyof typeof auditAreas];
      expect(kind.nist.id, code).toMatch(
        new RegExp(`^SDG-${String(area.nist).padStart(2, '0')}\\d\\d$`),
      );
      expect(Object.keys(nistEventTypes)).toContain(kind.nist.type);
    }
  });

  it('describes every kind in Persian and English and says who may cause it', () => {
    const causers = new Set<string>([
      ...staffRole.options,
      'candidate-representative',
      'device',
      'system',
      'anonymous',
    ]);
    for (const [code, kind] of kinds) {
      expect(kind.description.fa, code).toMatch(/[\u0600-\u06FF]/);
      expect(kind.description.en.length, code).toBeGreaterThan(10);
      expect(kind.causedBy.length, code).toBeGreaterThan(0);
      for (const c of kind.causedBy) expect(causers.has(c), `${code}: ${c}`).toBe(true);
    }
  });

  it('lets a refusal end only as refused, and a state change never as refused', () => {
    for (const [code, kind] of kinds) {
      if (kind.nature === 'refusal') expect(kind.outcomes, code).toEqual(['refused']);
      else expect(kind.outcomes, code).not.toContain('refused');
    }
  });

  it('knows its own codes and no others', () => {
    expect(isAuditAction('access.refused')).toBe(true);
    expect(isAuditAction('access')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
  });
});

describe('docs/AUDIT.md', () => {
  it('holds the event table exactly as generated (node --import tsx scripts/audit-doc.ts)', () => {
    const onDisk = readFileSync(new URL('../../../../docs/AUDIT.md', import.meta.url), 'utf8');
    expect(onDisk).toContain(AUDIT_DOC_START);
    expect(onDisk).toContain(AUDIT_DOC_END);
    expect(onDisk).toBe(spliceAuditEventsDoc(onDisk));
    for (const [code] of kinds) expect(renderAuditEventsDoc()).toContain(`\`${code}\``);
  });
});
