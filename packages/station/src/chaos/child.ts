// The station process of the chaos test (hq/src/ballots/chaos.test.ts): a voting device that
// casts ballots as fast as voters come and sends them to HQ, killed with SIGKILL at random
// instants by the test. It prints `recorded <tracking code>` only once the device has shown
// "recorded" (law 3), and `drained` when asked to stop casting and the outbox is empty.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { localCardCheck, openStation } from '../station.js';

const [packageFile, seedHex, serial, dataFile, hqUrl, mode, castsArg] = process.argv.slice(2);
if (
  packageFile === undefined ||
  seedHex === undefined ||
  serial === undefined ||
  dataFile === undefined ||
  hqUrl === undefined
)
  throw new Error('usage: child PACKAGE SEED SERIAL DATA HQ [cast|drain] [CASTS]');
const packageText = readFileSync(packageFile, 'utf8');
const hqPublicKey = (
  JSON.parse(packageText) as { package: { trust: { hq: { publicKey: string } } } }
).package.trust.hq.publicKey;
const opened = openStation({
  packageText,
  hqPublicKey,
  deviceSerial: serial,
  seedHex,
  dataFile,
  hqUrl,
  // Law 3 under fire is what this process is for; cards come from the test, not a poll book.
  cards: localCardCheck,
  outbox: { batchSize: 7, minBatch: 4, minDelayMs: 20, maxDelayMs: 400 },
});
if (!opened.ok) throw new Error(opened.error.message.en);
const station = opened.value;
station.outbox?.start();
process.stdout.write('ready\n');

const codes = station.opened.package.candidates.map((c) => c.code);
const pressAll = async (keys: readonly string[]) => {
  for (const key of keys) {
    const r = await station.voting.press(
      /^[0-9]$/.test(key)
        ? { type: 'digit', digit: key }
        : { type: key as 'green' | 'blank' | 'next' | 'challenge' },
    );
    if (!r.ok) throw new Error(r.error.message.en);
  }
  return station.voting.view();
};

async function cast(): Promise<void> {
  const left = Number(castsArg ?? '0');
  for (let i = 0; i < left; i += 1) {
    const token = randomBytes(16).toString('hex');
    const inserted = await station.voting.insertCard(token);
    if (!inserted.ok) throw new Error(inserted.error.message.en);
    const pick = codes[i % codes.length] ?? '';
    const choice = i % 5 === 0 ? ['blank'] : pick.split('');
    if (i % 11 === 0)
      await pressAll([...choice, ...(choice[0] === 'blank' ? [] : ['green']), 'challenge', 'next']);
    const view = await pressAll([...choice, ...(choice[0] === 'blank' ? [] : ['green']), 'green']);
    if (view.state.screen === 'recorded')
      process.stdout.write(`recorded ${view.state.trackingCode}\n`);
    await pressAll(['next']);
    // The next voter walks up: time for the outbox to send, and for a kill to land mid-work.
    await new Promise((r) => setTimeout(r, 10 + Math.floor(Math.random() * 40)));
  }
  process.stdout.write('cast-done\n');
}

async function drain(): Promise<void> {
  for (;;) {
    const result = await station.outbox?.flush({ all: true }).catch(() => 'unreachable' as const);
    if (result === 'idle' && station.store.pendingMessages().length === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(`drained ${JSON.stringify(station.store.counts())}\n`);
  station.close();
  process.exit(0);
}

if (mode === 'drain') void drain();
else void cast();
