import { hqConfigSchema } from '../config.js';
import { startHq } from '../start.js';

/**
 * The HQ as the crash test runs it (crash.test.ts): a real server process on a store file,
 * started by `node --import tsx crashChild.ts <database-url>`, that prints its address on its
 * first line and is then killed with SIGKILL at a random moment.
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
process.stdout.write(`ready ${running.url}\n`);
