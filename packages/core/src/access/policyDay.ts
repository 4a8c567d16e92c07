import type { ActionSpec } from './spec.js';
import {
  BOARDS_SEE,
  BRANCH_RUNNERS,
  HQ_ONLY,
  PLACE_STAFF_SEE,
  SUPERVISORS_SEE,
} from './policyGrants.js';

/**
 * The election day's rows of the policy table (policy.ts): branches, poll book, ballots and
 * results, incidents and supervision, logistics and devices. Most of their routes come with
 * later issues; the actions are declared now so that those routes only reference them.
 */
export const electionDayActions = {
  // ── branches ────────────────────────────────────────────────────────────────────────────
  'branches.read': {
    summary: 'One branch with its itinerary, devices and people',
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, ...PLACE_STAFF_SEE },
  },
  'branches.readLive': {
    summary: "A branch's live status and counts",
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, ...PLACE_STAFF_SEE, 'candidate-representative': 'own-scope' },
  },
  'branches.open': {
    summary: 'Open a branch with its zero report',
    audience: 'staff',
    effect: 'change',
    grants: BRANCH_RUNNERS,
  },
  'branches.close': {
    summary: 'Close a branch with its tally report',
    audience: 'staff',
    effect: 'change',
    grants: BRANCH_RUNNERS,
  },
  'branches.pause': {
    summary: 'Pause or resume voting in a branch (device swap, disturbance)',
    audience: 'staff',
    effect: 'change',
    grants: BRANCH_RUNNERS,
  },
  'branches.extendHours': {
    summary: "Extend voting hours within the ministry's limit",
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  'branches.extendHoursBeyondLimit': {
    summary: "Extend voting hours beyond the ministry's limit",
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
    secondApprover: {
      grants: { 'supervisory-board': 'anywhere' },
      because: "DESIGN §2 Hours: more than the ministry's 3 hours needs the supervisory board",
    },
  },
  'reports.cosign': {
    summary: "Co-sign a branch's zero report or tally report",
    audience: 'staff',
    effect: 'attest',
    grants: {
      'supervisory-board': 'anywhere',
      observer: 'own-scope',
      'governor-representative': 'own-scope',
      inspector: 'own-scope',
      'branch-trustee': 'own-scope',
    },
  },
  // ── poll book ───────────────────────────────────────────────────────────────────────────
  'pollbook.import': {
    summary: 'Import the voter registry',
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  'pollbook.read': {
    summary: 'Poll-book progress by branch: counts only, no voter',
    audience: 'staff',
    effect: 'read',
    grants: {
      ...BOARDS_SEE,
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'governor-representative': 'own-scope',
      inspector: 'own-scope',
      'branch-trustee': 'own-scope',
    },
  },
  'pollbook.lookup': {
    summary: 'Look up one voter by national code',
    audience: 'staff',
    effect: 'read',
    personalData: true,
    grants: {
      ...SUPERVISORS_SEE,
      'hq-staff': 'own-scope',
      'branch-trustee': 'own-branch-as-chair',
    },
  },
  'pollbook.checkIn': {
    summary: 'Check and mark a voter (law 1): the authentication device, signed',
    audience: 'device',
    deviceKinds: ['authentication'],
    effect: 'change',
  },
  'pollbook.card': {
    summary:
      'Record a ballot card used (its voting device) or abandoned (either device of its branch), law 5',
    audience: 'device',
    deviceKinds: ['authentication', 'voting'],
    effect: 'change',
  },
  'pollbook.offline': {
    summary: "Send a station's offline check-ins for HQ to confirm or reject (law 1), signed",
    audience: 'device',
    deviceKinds: ['authentication'],
    effect: 'change',
  },
  'pollbook.override': {
    summary: "Override a device's identity check (e.g. a fingerprint that will not match)",
    audience: 'staff',
    effect: 'change',
    personalData: true,
    grants: { 'branch-trustee': 'own-branch-as-operator' },
    secondApprover: {
      grants: { 'branch-trustee': 'own-branch-as-chair', 'governor-representative': 'own-scope' },
      because: 'An operator override lets a voter in without the device check: a second person',
    },
  },
  'pollbook.purge': {
    summary: "Purge voters' personal data after certification",
    audience: 'staff',
    effect: 'change',
    personalData: true,
    grants: HQ_ONLY,
    secondApprover: {
      grants: { 'supervisory-board': 'anywhere' },
      because: 'Irreversible: the supervisory board confirms the result is certified first',
    },
  },
  // ── ballots and results ─────────────────────────────────────────────────────────────────
  'ballots.submit': {
    summary: 'Deliver encrypted ballots (laws 3 and 4): the voting device, signed',
    audience: 'device',
    deviceKinds: ['voting'],
    effect: 'change',
  },
  'ballots.importDeviceFile': {
    summary: "Import a failed voting device's exported ballots after a device swap (law 3)",
    audience: 'staff',
    effect: 'change',
    grants: { 'hq-staff': 'own-scope', 'it-committee': 'own-scope' },
  },
  'ballots.read': {
    summary: 'Encrypted ballots and intake status by branch',
    audience: 'staff',
    effect: 'read',
    grants: {
      ...BOARDS_SEE,
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'it-committee': 'own-scope',
    },
  },
  'results.readLive': {
    summary: 'Running totals and counting progress before publication',
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, 'hq-staff': 'own-scope', 'zone-hq-staff': 'own-scope' },
  },
  'ceremony.read': {
    summary: 'The key ceremony: its members, rounds and public commitments (§5)',
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, 'hq-staff': 'own-scope' },
  },
  'ceremony.manage': {
    summary: 'Open, advance or close the key ceremony',
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  'ceremony.contribute': {
    summary: "A board member's own ceremony messages: commitments, shares, proofs (§5)",
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere' },
  },
  'results.decryptShare': {
    summary: "A board member's partial decryption with proof (§5 key shares)",
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere' },
  },
  'results.drawLots': {
    summary: 'Draw lots for a tie at the last seat, verifiably',
    audience: 'staff',
    effect: 'change',
    grants: { 'executive-board': 'anywhere' },
    secondApprover: {
      grants: { 'supervisory-board': 'anywhere' },
      because:
        'DESIGN §2 Counting: drawn in a joint session of the executive and supervisory boards',
    },
  },
  'results.lotOpen': {
    summary:
      'Open a lot session for a tie at the last seat, and draw it once every member revealed',
    audience: 'staff',
    effect: 'change',
    grants: { 'executive-board': 'anywhere' },
  },
  'results.lotContribute': {
    summary: "A board member's own commitment and reveal in a lot session (docs/RESULTS.md §4)",
    audience: 'staff',
    effect: 'attest',
    grants: { 'executive-board': 'anywhere', 'supervisory-board': 'anywhere' },
  },
  'results.auditManage': {
    summary:
      "The supervisory board's acts in the paper audit: start it (risk limit, public seed), close each round with its decision",
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere' },
  },
  'results.auditEnter': {
    summary: 'Enter what a sampled paper vote shows (one of two independent looks, or the third)',
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere', 'executive-board': 'anywhere' },
  },
  'results.flagsRead': {
    summary:
      "Reconciliation flags of every branch (law 5), with their numbers and the supervisors' decisions",
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, 'hq-staff': 'own-scope' },
  },
  'results.flagDecide': {
    summary:
      'Record a decision on a reconciliation flag (explained, recount ordered, excluded by the board), with a reason',
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere' },
  },
  'results.branchCountsStore': {
    summary:
      "Store the branches' decrypted counts (the record's decryption/branches.json) after the decryption",
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  'results.certify': {
    summary: 'Certify the result',
    audience: 'staff',
    effect: 'change',
    grants: { 'executive-board': 'anywhere', 'hq-staff': 'own-scope' },
    secondApprover: {
      grants: { 'supervisory-board': 'anywhere' },
      because: 'The supervisory board approves the result before it is final',
    },
  },
  'results.publish': {
    summary: 'Publish the certified result',
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  // ── incidents and supervision ───────────────────────────────────────────────────────────
  'incidents.report': {
    summary: 'Report an incident (device, supplies, disturbance, irregularity)',
    audience: 'staff',
    effect: 'change',
    grants: PLACE_STAFF_SEE,
  },
  'incidents.read': {
    summary: 'Incidents and their handling',
    audience: 'staff',
    effect: 'read',
    grants: { ...BOARDS_SEE, ...PLACE_STAFF_SEE },
  },
  'incidents.ack': {
    summary: 'Acknowledge an incident and take it on',
    audience: 'staff',
    effect: 'change',
    grants: {
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'it-committee': 'own-scope',
      'support-committee': 'own-scope',
    },
  },
  'incidents.resolve': {
    summary: 'Record that an incident is resolved',
    audience: 'staff',
    effect: 'change',
    grants: {
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'it-committee': 'own-scope',
      'support-committee': 'own-scope',
    },
  },
  'incidents.deviceReport': {
    summary:
      'A device reports an incident on its own (failed self-test, printer out of paper, HQ unreachable), signed',
    audience: 'device',
    deviceKinds: ['authentication', 'voting'],
    effect: 'change',
  },
  'incidents.confirm': {
    summary: 'The branch confirms an incident resolved, or reopens it',
    audience: 'staff',
    effect: 'change',
    grants: { ...BRANCH_RUNNERS, 'branch-trustee': 'own-scope' },
  },
  // ── the branch floor (issue 8) ───────────────────────────────────────────────────────────
  'branches.attendance': {
    summary: "Record a person's attendance at a branch on the day",
    audience: 'staff',
    effect: 'change',
    grants: BRANCH_RUNNERS,
  },
  'branches.itinerary': {
    summary: "Record a mobile branch's arrival at or departure from a stop, with its voters",
    audience: 'staff',
    effect: 'change',
    grants: BRANCH_RUNNERS,
  },
  'branches.reportQueue': {
    summary: 'Report the length of the queue at a branch',
    audience: 'staff',
    effect: 'change',
    grants: { ...BRANCH_RUNNERS, 'branch-trustee': 'own-scope' },
  },
  'branches.voterTimes': {
    summary: "A station's voter-time measurements: per-step durations, no voter, no ballot (law 2)",
    audience: 'device',
    deviceKinds: ['authentication', 'voting'],
    effect: 'change',
  },
  'logistics.plan': {
    summary: 'Create the three-day supply plan for every branch',
    audience: 'staff',
    effect: 'change',
    grants: HQ_ONLY,
  },
  'supervision.report': {
    summary: "A supervisor's or observer's report of an irregularity",
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere', observer: 'own-scope' },
  },
  'supervision.decide': {
    summary: 'Record a decision of the supervisory board (a complaint, an approval)',
    audience: 'staff',
    effect: 'attest',
    grants: { 'supervisory-board': 'anywhere' },
  },
  // ── logistics and devices ───────────────────────────────────────────────────────────────
  'logistics.read': {
    summary: 'Supplies: stock, shipments, shortages',
    audience: 'staff',
    effect: 'read',
    grants: {
      ...BOARDS_SEE,
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'governor-representative': 'own-scope',
      'support-committee': 'own-scope',
      'branch-trustee': 'own-scope',
    },
  },
  'logistics.dispatch': {
    summary: 'Dispatch supplies to a branch or take them back',
    audience: 'staff',
    effect: 'change',
    grants: {
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'support-committee': 'own-scope',
    },
  },
  'logistics.receive': {
    summary: 'Confirm supplies received at a branch',
    audience: 'staff',
    effect: 'change',
    grants: { 'support-committee': 'own-scope', 'branch-trustee': 'own-branch-as-chair' },
  },
  'devices.read': {
    summary: 'Devices, their keys, configuration and status',
    audience: 'staff',
    effect: 'read',
    grants: {
      ...BOARDS_SEE,
      'hq-staff': 'own-scope',
      'zone-hq-staff': 'own-scope',
      'it-committee': 'own-scope',
      'branch-trustee': 'own-scope',
    },
  },
  'devices.register': {
    summary: 'Register or re-key a device for a branch (law 4)',
    audience: 'staff',
    effect: 'change',
    grants: { 'hq-staff': 'own-scope', 'it-committee': 'own-scope' },
  },
  'devices.replace': {
    summary: 'Swap a faulty device for a spare',
    audience: 'staff',
    effect: 'change',
    grants: { 'it-committee': 'own-scope' },
  },
  'devices.status': {
    summary:
      'A station reports the package hash it runs and its self-test result, signed (device readiness)',
    audience: 'device',
    deviceKinds: ['authentication', 'voting'],
    effect: 'change',
  },
  // ── training mode (issue 8): a sample election, never counted ──────────────────────────
  'training.read': {
    summary: 'The sample election of training mode and the public "try the ballot" page',
    audience: 'public',
    effect: 'read',
  },
  'training.try': {
    summary: 'Try the ballot on the sample election: checked and answered, nothing stored',
    audience: 'public',
    effect: 'read',
  },
} as const satisfies Record<string, ActionSpec>;
