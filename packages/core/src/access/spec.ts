import type { DeviceKind } from '../definition/schema.js';
import type { AccountRole } from './roles.js';

/**
 * The vocabulary of the access policy (issue 3): what a row of the table says about one action.
 * The table itself is policy.ts; `decide` (decide.ts) reads it; docs/SECURITY.md shows it.
 */

/**
 * Where an actor may do an action, relative to the object:
 * - `anywhere`: whatever the actor's own scope (supervisors, who see everything);
 * - `own-scope`: the object lies within the actor's scope — the whole constituency, their own
 *   zone HQ, their own zone, or their own branch(es) (see `scopeContains`);
 * - `own-branch-as-chair` / `own-branch-as-operator`: a branch of their own, and the trustee is
 *   its chair (رئیس شعبه) / its trained device operator (کاربر شعبه).
 */
export type ScopeRule = 'anywhere' | 'own-scope' | 'own-branch-as-chair' | 'own-branch-as-operator';

export const SCOPE_RULES: readonly ScopeRule[] = [
  'anywhere',
  'own-scope',
  'own-branch-as-chair',
  'own-branch-as-operator',
];

/**
 * Who the action is for:
 * - `public`: everyone, signed in or not (health, published results, the bulletin board);
 * - `signed-in`: every account, for its own session;
 * - `staff`: the roles granted below, nobody else (no grant at all means nobody);
 * - `device`: a registered device proving itself with its signature (law 4), never a person;
 *   the access layer checks the signed device message (docs/FORMATS.md, device messages) and
 *   the device's kind against `deviceKinds`.
 */
export type Audience = 'public' | 'signed-in' | 'staff' | 'device';

/**
 * What the action does to the election's state:
 * - `read`: nothing;
 * - `change`: changes it;
 * - `attest`: adds a person's own act to the record — a co-signature, a supervisory decision,
 *   a partial decryption — the only changes a supervisor ever makes (DESIGN §1).
 */
export type Effect = 'read' | 'change' | 'attest';

export type Grants = Readonly<Partial<Record<AccountRole, ScopeRule>>>;

export interface SecondApprover {
  /** Roles that may approve, each within its scope rule applied to the same object. */
  readonly grants: Grants;
  /** Why the rule exists (the law or the regulation), shown in docs/SECURITY.md. */
  readonly because: string;
}

export interface ActionSpec {
  /** What the action is, in a few words (English; docs/SECURITY.md). */
  readonly summary: string;
  readonly audience: Audience;
  readonly effect: Effect;
  /** For `staff` actions: which roles may, and where. Roles not listed may not. */
  readonly grants?: Grants;
  /** Two-person rule: the action needs a second, different person's approval. */
  readonly secondApprover?: SecondApprover;
  /** The object is voters' personal data: access by role (docs/SECURITY.md, minimisation). */
  readonly personalData?: boolean;
  /** For `device` actions: the kinds of device that may send it (policy.test: never empty). */
  readonly deviceKinds?: readonly DeviceKind[];
}

export type Policy = Readonly<Record<string, ActionSpec>>;
