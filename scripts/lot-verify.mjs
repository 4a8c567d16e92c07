#!/usr/bin/env node
// Recomputes a Sandogh lot from its published record, with Node alone (no project code):
//   node scripts/lot-verify.mjs lot.json
// Prints a JSON verdict and exits 0 when the record's seed, order and winners are reproduced and
// every reveal opens its commitment; 1 otherwise; 2 on a usage or file error.
// The algorithm is docs/RESULTS.md §Lot, written out a second time on purpose: a candidate's
// observer should not have to trust the code that drew the lot to check it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
const ascending = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function commitmentOf(memberId, value) {
  return sha256(Buffer.from(`sandogh/v1/lot-commit\n${memberId}\n${value}`, 'utf8')).toString(
    'hex',
  );
}

function seedOf(record) {
  const reveals = [...record.reveals].sort((a, b) => ascending(a.memberId, b.memberId));
  const lines = [
    'sandogh/v1/lot-seed',
    record.electionRecordHash,
    String(record.places),
    [...record.tied].sort(ascending).join(','),
    ...reveals.map((r) => `${r.memberId}:${r.value}`),
  ];
  return sha256(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8')).toString('hex');
}

function orderOf(tied, seedHex) {
  const seed = Buffer.from(seedHex, 'hex');
  let block = Buffer.alloc(0);
  let counter = 0;
  let offset = 0;
  const nextWord = () => {
    if (offset + 4 > block.length) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(counter++);
      block = sha256(Buffer.concat([seed, index]));
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
  const order = [...tied].sort(ascending);
  for (let i = order.length - 1; i >= 1; i--) {
    const range = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % range);
    let word = nextWord();
    while (word >= limit) word = nextWord();
    const j = word % range;
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function verify(record) {
  const problems = [];
  const revealed = new Map(record.reveals.map((r) => [r.memberId, r.value]));
  for (const { memberId, commitment } of record.commitments) {
    const value = revealed.get(memberId);
    if (value === undefined) problems.push(`member ${memberId} committed but did not reveal`);
    else if (commitmentOf(memberId, value) !== commitment)
      problems.push(`member ${memberId}: the revealed value does not open the commitment`);
  }
  for (const { memberId } of record.reveals)
    if (!record.commitments.some((c) => c.memberId === memberId))
      problems.push(`member ${memberId} revealed without a commitment`);
  const seed = seedOf(record);
  const order = orderOf(record.tied, seed);
  const winners = order.slice(0, record.places);
  if (seed !== record.seed) problems.push('the seed differs from the record');
  if (JSON.stringify(order) !== JSON.stringify(record.order))
    problems.push('the order differs from the record');
  if (JSON.stringify(winners) !== JSON.stringify(record.winners))
    problems.push('the winners differ from the record');
  return { ok: problems.length === 0, seed, order, winners, problems };
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: node scripts/lot-verify.mjs LOT.json\n');
  process.exit(2);
}
let record;
try {
  record = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  process.stderr.write(`cannot read ${file}: ${error.message}\n`);
  process.exit(2);
}
const verdict = verify(record);
process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
process.exit(verdict.ok ? 0 : 1);
