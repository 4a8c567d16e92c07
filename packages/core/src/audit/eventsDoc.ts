import { staffRole } from '../definition/schema.js';
import { auditEvents } from './events.js';
import { nistDisposition } from './events.js';
import { auditAreaOf, auditAreas, nistEventTypes, type AuditEventKind } from './types.js';

/** docs/AUDIT.md holds prose around one generated block, between these two lines. */
export const AUDIT_DOC_START =
  '<!-- generated: the event table, by scripts/audit-doc.ts from packages/core/src/audit; do not edit by hand -->';
export const AUDIT_DOC_END = '<!-- end of generated event table -->';

const cell = (s: string): string => s.replaceAll('|', '\\|');

function causers(kind: AuditEventKind): string {
  const roles = new Set(kind.causedBy);
  const allStaff = staffRole.options.every((r) => roles.has(r));
  const rest = kind.causedBy.filter(
    (c) => !allStaff || !(staffRole.options as readonly string[]).includes(c),
  );
  return [...(allStaff ? ['any staff role'] : []), ...rest].join(', ');
}

function dispositions(kind: AuditEventKind): string {
  return kind.outcomes.map((o) => `${o} → ${nistDisposition(o)}`).join('; ');
}

/**
 * The operators' and auditors' reference of every event kind (STYLE: one table, two outputs),
 * grouped by area, with its NIST SP 1500-101 mapping.
 */
export function renderAuditEventsDoc(): string {
  const lines = [AUDIT_DOC_START, ''];
  const kinds = Object.entries(auditEvents) as [string, AuditEventKind][];
  lines.push(
    `${kinds.length} event kinds, ${kinds.filter(([, k]) => k.planned !== true).length} recorded today; the others are declared for the areas to come.`,
    '',
    'NIST SP 1500-101 Event.Type values:',
    '',
    '| Type | English | فارسی |',
    '|---|---|---|',
  );
  for (const [type, text] of Object.entries(nistEventTypes))
    lines.push(`| \`${type}\` | ${cell(text.en)} | ${cell(text.fa)} |`);
  for (const [area, { title }] of Object.entries(auditAreas)) {
    const inArea = kinds.filter(([code]) => auditAreaOf(code) === area);
    if (inArea.length === 0) continue;
    lines.push(
      '',
      `### \`${area}\` — ${title.en} / ${title.fa}`,
      '',
      '| code | NIST Id | Type | Severity | nature | outcome → Disposition | caused by | English | فارسی |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const [code, kind] of inArea) {
      const mark = kind.planned === true ? ' (planned)' : '';
      lines.push(
        `| \`${code}\`${mark} | ${kind.nist.id} | ${kind.nist.type} | ${kind.nist.severity} | ${kind.nature} | ${dispositions(kind)} | ${causers(kind)} | ${cell(kind.description.en)} | ${cell(kind.description.fa)} |`,
      );
    }
  }
  lines.push('', AUDIT_DOC_END);
  return lines.join('\n');
}

/** docs/AUDIT.md with its generated block replaced; throws when the markers are missing. */
export function spliceAuditEventsDoc(document: string): string {
  const start = document.indexOf(AUDIT_DOC_START);
  const end = document.indexOf(AUDIT_DOC_END);
  if (start < 0 || end < start) throw new Error('docs/AUDIT.md lacks the generated-block markers');
  return (
    document.slice(0, start) + renderAuditEventsDoc() + document.slice(end + AUDIT_DOC_END.length)
  );
}
