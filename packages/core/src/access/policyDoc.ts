import { ACCOUNT_ROLES, type AccountRole } from './roles.js';
import type { ActionSpec, Audience, Grants, Policy, ScopeRule } from './spec.js';

/**
 * The access policy as docs/SECURITY.md shows it, generated from the table itself so that the
 * document cannot drift from what the server enforces (the vxsuite habit: declared once,
 * documented from the declaration). policyDoc.test.ts fails when the document is stale;
 * `node --import tsx scripts/policy-doc.ts` rewrites the section.
 */

export const POLICY_DOC_BEGIN =
  '<!-- BEGIN GENERATED: access policy (node --import tsx scripts/policy-doc.ts) -->';
export const POLICY_DOC_END = '<!-- END GENERATED: access policy -->';

export const ROLE_ABBREVIATIONS: Readonly<Record<AccountRole, string>> = {
  'hq-staff': 'HQ',
  'zone-hq-staff': 'ZHQ',
  'governor-representative': 'GR',
  'executive-board': 'EB',
  'supervisory-board': 'SB',
  observer: 'OB',
  inspector: 'IN',
  'branch-trustee': 'BT',
  'it-committee': 'IT',
  'support-committee': 'SC',
  'candidate-representative': 'CR',
};

const RULE_MARKS: Readonly<Record<ScopeRule, string>> = {
  anywhere: '●',
  'own-scope': 'S',
  'own-branch-as-chair': 'C',
  'own-branch-as-operator': 'O',
};

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function what(spec: ActionSpec): string {
  return cell(spec.personalData === true ? `${spec.summary} (personal data)` : spec.summary);
}

function grantList(grants: Grants): string {
  return ACCOUNT_ROLES.flatMap((role) => {
    const rule = grants[role];
    return rule === undefined ? [] : [`${ROLE_ABBREVIATIONS[role]} ${RULE_MARKS[rule]}`];
  }).join(', ');
}

function simpleList(policy: Policy, audience: Audience): string[] {
  return Object.entries(policy)
    .filter(([, spec]) => spec.audience === audience)
    .map(([action, spec]) => `| \`${action}\` | ${spec.effect} | ${what(spec)} |`);
}

export function renderPolicyDoc(policy: Policy): string {
  const lines: string[] = [
    POLICY_DOC_BEGIN,
    '',
    'Generated from `packages/core/src/access/policy.ts`; do not edit by hand.',
    '',
    '**Public** — everyone, signed in or not (rate-limited per address):',
    '',
    '| action | effect | what |',
    '|---|---|---|',
    ...simpleList(policy, 'public'),
    '',
    '**Signed in** — every account, for its own session:',
    '',
    '| action | effect | what |',
    '|---|---|---|',
    ...simpleList(policy, 'signed-in'),
    '',
    '**Devices only** — a registered device proving itself with its signature (law 4); no',
    'person may, and until device signatures land (issue 5) the routes are refused to all:',
    '',
    '| action | effect | what |',
    '|---|---|---|',
    ...simpleList(policy, 'device'),
    '',
    '**Staff** — ● anywhere, S within their own scope (constituency, zone HQ, zone or',
    'branches), C in their own branch as its chair, O in their own branch as its device',
    'operator; an empty cell is a refusal. Roles: ' +
      ACCOUNT_ROLES.map((r) => `${ROLE_ABBREVIATIONS[r]} ${r}`).join(', ') +
      '.',
    '',
    `| action | effect | ${ACCOUNT_ROLES.map((r) => ROLE_ABBREVIATIONS[r]).join(' | ')} | second approver | what |`,
    `|---|---|${ACCOUNT_ROLES.map(() => ':-:').join('|')}|---|---|`,
  ];
  const twoPerson: string[] = [];
  for (const [action, spec] of Object.entries(policy)) {
    if (spec.audience !== 'staff') continue;
    const grants = spec.grants ?? {};
    const marks = ACCOUNT_ROLES.map((role) => {
      const rule = grants[role];
      return rule === undefined ? ' ' : RULE_MARKS[rule];
    });
    const second = spec.secondApprover;
    lines.push(
      `| \`${action}\` | ${spec.effect} | ${marks.join(' | ')} | ${second === undefined ? '' : grantList(second.grants)} | ${what(spec)} |`,
    );
    if (second !== undefined) twoPerson.push(`- \`${action}\`: ${cell(second.because)}.`);
  }
  lines.push('', '**Two-person rules** — the second approver is a different person:', '');
  lines.push(...twoPerson, '', POLICY_DOC_END);
  return lines.join('\n');
}

/** Replaces the generated section of a document; undefined when its markers are missing. */
export function replacePolicySection(document: string, section: string): string | undefined {
  const begin = document.indexOf(POLICY_DOC_BEGIN);
  const end = document.indexOf(POLICY_DOC_END);
  if (begin < 0 || end < begin) return undefined;
  return document.slice(0, begin) + section + document.slice(end + POLICY_DOC_END.length);
}

/** The generated section as it stands in a document; undefined when its markers are missing. */
export function policySectionOf(document: string): string | undefined {
  const begin = document.indexOf(POLICY_DOC_BEGIN);
  const end = document.indexOf(POLICY_DOC_END);
  if (begin < 0 || end < begin) return undefined;
  return document.slice(begin, end + POLICY_DOC_END.length);
}
