import { hqConfigSchema } from '../config.js';
import { startHq } from '../start.js';

/**
 * The HQ as the crash test runs it (crash.test.ts) and the poll-book benchmark measures it
 * (bench/pollbook): a real server process on a store, started by
 * `node --import tsx crashChild.ts <database-url>`, that prints its address on its first line
 * and is then killed with SIGKILL at a random moment. SIGTERM stops it gracefully (so that
 * `--cpu-prof` can write its profile).
 */
const databaseUrl = process.argv[2];
if (databaseUrl === undefined) throw new Error('usage: crashChild.ts <database-url>');
const config = hqConfigSchema.parse({
  databaseUrl,
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
});
const running = await startHq(config, { signals: false });
process.once('SIGTERM', () => {
  void running.stop().finally(() => process.exit(0));
});
process.stdout.write(`ready ${running.url}\n`);
