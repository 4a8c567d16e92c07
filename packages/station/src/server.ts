import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { checkInBody, httpStatusOf, problem, problemsFromZod, type Problem } from '@sandogh/core';
import { zeroReport } from './print/printouts.js';
import { selfTestRunner, type SelfTestRunner } from './status/report.js';
import { markTraining } from './training/mark.js';
import { openTrainingDevice, type TrainingDevice } from './training/device.js';
import { printHeaderOf } from './voting/device.js';
import { ballotStyleOf } from './voting/device.js';
import { searchCandidates, type VotingEvent } from './voting/machine.js';
import type { Station } from './station.js';

/**
 * The station's local interface (issue 5): a small HTTP server on localhost that the branch
 * kiosk's screens (the web app) drive. Every input is checked with zod and every refusal is a
 * catalogued problem; nothing here is reachable from outside the machine (it listens on
 * 127.0.0.1 only, see the CLI).
 */
const keyBody = z.strictObject({
  key: z.union([
    z.string().regex(/^[0-9]$/),
    z.enum(['correction', 'blank', 'green', 'challenge', 'next']),
  ]),
});
const cardBody = z.strictObject({ token: z.string().min(16).max(256) });
const chooseBody = z.strictObject({ code: z.string().min(1).max(16) });
const searchQuery = z.strictObject({ q: z.string().max(100) });
const trainingBody = z.strictObject({ on: z.boolean() });
const selfTestBody = z.strictObject({ printerReady: z.boolean().optional() }).optional();

export interface StationServerOptions {
  /** Runs the self-test and sends its report to HQ (default: checks only, nothing sent). */
  readonly selfTest?: SelfTestRunner;
}

function send(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(httpStatusOf(p.code)).send(p);
}

function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { ok: true; value: T } | { ok: false; problem: Problem } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problem: problemsFromZod(r.error)[0] ?? problem('INPUT_INVALID', { reason: 'bad input' }),
  };
}

function eventOfKey(key: string): VotingEvent {
  if (/^[0-9]$/.test(key)) return { type: 'digit', digit: key };
  return { type: key as 'correction' | 'blank' | 'green' | 'challenge' | 'next' };
}

export async function stationServer(
  station: Station,
  options: StationServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const selfTest = options.selfTest ?? selfTestRunner(station);
  // Training mode (issue 8, docs/STATION.md "Training mode"): the voting routes drive the
  // training device, which has no outbox and its own in-memory store; the real device, its
  // store and its outbox are untouched until the switch goes back.
  let training: TrainingDevice | undefined;
  const device = () => training ?? station;
  app.addHook('onClose', () => {
    training?.close();
  });
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const p =
      status === 413
        ? problem('INPUT_TOO_LARGE', { limit: 64 * 1024 })
        : status < 500
          ? problem('INPUT_MALFORMED_JSON')
          : problem('INTERNAL', { requestId: _request.id });
    return send(reply, p);
  });
  app.setNotFoundHandler((_request, reply) => send(reply, problem('HTTP_NOT_FOUND')));

  app.get('/status', () => ({
    training: training !== undefined,
    selfTest: selfTest.last() ?? null,
    branch: station.identity.branch,
    device: station.identity.serial,
    packageHash: station.opened.shortHash,
    counts: station.store.counts(),
    outbox: {
      pending: station.store.pendingMessages().length,
      unbatched: station.store.unbatchedCount(),
    },
  }));

  app.post('/self-test', async (request, reply) => {
    const body = parse(selfTestBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    return selfTest.run(
      body.value?.printerReady === undefined ? {} : { printerReady: body.value.printerReady },
    );
  });

  app.get('/training', () => ({ training: training !== undefined }));

  app.post('/training', (request, reply) => {
    const body = parse(trainingBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    const screen = device().voting.view().state.screen;
    if (body.value.on === (training !== undefined)) return device().voting.view();
    if (screen !== 'idle') return send(reply, problem('STATION_TRAINING_NOT_NOW', { screen }));
    if (training === undefined) training = openTrainingDevice();
    else {
      training.close();
      training = undefined;
    }
    return device().voting.view();
  });

  // The authentication device's side (issue 4, docs/STATION.md §4): check a voter in through
  // HQ's poll book, or under the offline rule when HQ does not answer; then send the offline
  // marks for HQ's decision. Only when this station program runs the authentication device.
  app.post('/pollbook/check-in', async (request, reply) => {
    if (station.pollbook === undefined)
      return send(reply, problem('STATION_NO_AUTHENTICATION_DEVICE'));
    const body = parse(checkInBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    const { nationalCode, document, fingerprint } = body.value;
    const r = await station.pollbook.checkIn({
      nationalCode,
      document:
        document.serial === undefined
          ? { kind: document.kind }
          : { kind: document.kind, serial: document.serial },
      fingerprint,
    });
    return r.ok ? r.value : send(reply, r.error);
  });

  app.post('/pollbook/reconcile', async (_request, reply) => {
    if (station.pollbook === undefined)
      return send(reply, problem('STATION_NO_AUTHENTICATION_DEVICE'));
    return station.pollbook.reconcile();
  });

  app.get('/voting/screen', () => device().voting.view());

  app.post('/voting/card', async (request, reply) => {
    const body = parse(cardBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    const r = await device().voting.insertCard(body.value.token);
    return r.ok ? r.value : send(reply, r.error);
  });

  app.post('/voting/key', async (request, reply) => {
    const body = parse(keyBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    const r = await device().voting.press(eventOfKey(body.value.key));
    return r.ok ? r.value : send(reply, r.error);
  });

  app.post('/voting/choose', async (request, reply) => {
    const body = parse(chooseBody, request.body);
    if (!body.ok) return send(reply, body.problem);
    const r = await device().voting.press({ type: 'choose', code: body.value.code });
    return r.ok ? r.value : send(reply, r.error);
  });

  app.post('/voting/abandon', (_request, reply) => {
    const r = device().voting.abandon();
    return r.ok ? r.value : send(reply, r.error);
  });

  app.get('/voting/search', (request, reply) => {
    const query = parse(searchQuery, request.query);
    if (!query.ok) return send(reply, query.problem);
    return { candidates: searchCandidates(ballotStyleOf(device().opened), query.value.q) };
  });

  app.get('/printouts/zero-report', async (_request, reply) => {
    const printout =
      training === undefined
        ? await zeroReport(printHeaderOf(station.opened), station.store.counts().cast)
        : markTraining(await zeroReport(printHeaderOf(training.opened), 0));
    return reply.type('text/html; charset=utf-8').send(printout.html);
  });

  app.get('/printouts/last', (_request, reply) => {
    const last = device().printed.at(-1);
    if (last === undefined) return send(reply, problem('HTTP_NOT_FOUND'));
    return reply.type('text/html; charset=utf-8').send(last.html);
  });

  await app.ready();
  return app;
}
