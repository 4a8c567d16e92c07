import Fastify from 'fastify';

/**
 * The intake benchmark's framework reference (bench/intake/run.ts): a bare Fastify
 * hello-world route, no plugins, no logger, in its own process like the HQ.
 */
const app = Fastify({ logger: false });
app.get('/hello', () => ({ hello: 'world' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
process.stdout.write(`ready ${url}\n`);
