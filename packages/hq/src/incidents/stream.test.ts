import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { afterEach, beforeAll, afterAll, expect, it } from 'vitest';
import { describeEachEngine } from '@sandogh/store/testing';
import {
  branchScope,
  MINUTE,
  OPENING,
  operationsHarness,
  zoneHqScope,
  type OperationsHarness,
} from './testSupport.js';

interface SseEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: Record<string, unknown>;
}

/** A GET over a real connection of its own (no keep-alive pool), as a browser's EventSource. */
function open(url: string, headers: Readonly<Record<string, string>> = {}) {
  return new Promise<{
    status: number;
    headers: IncomingHttpHeaders;
    body: IncomingMessage;
    close(): void;
  }>((resolve, reject) => {
    const req = get(
      url,
      { headers: { accept: 'text/event-stream', ...headers }, agent: false },
      (res) => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: res,
          close: () => {
            req.destroy();
          },
        });
      },
    );
    req.on('error', reject);
  });
}

async function status(url: string, headers: Readonly<Record<string, string>> = {}) {
  const r = await open(url, headers);
  r.close();
  return r.status;
}

/** Reads Server-Sent Events until `enough` says so (or the time is up), then hangs up. */
async function readEvents(
  response: Awaited<ReturnType<typeof open>>,
  enough: (events: readonly SseEvent[]) => boolean,
  timeoutMs = 8_000,
): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  let buffer = '';
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    response.body.setEncoding('utf8');
    response.body.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const event = field('event');
        const data = field('data');
        if (event !== undefined && data !== undefined)
          events.push({
            event,
            id: field('id'),
            data: JSON.parse(data) as Record<string, unknown>,
          });
      }
      if (enough(events)) {
        clearTimeout(timer);
        resolve();
      }
    });
    response.body.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  response.close();
  return events;
}

describeEachEngine('the live incident feed over Server-Sent Events (a real HTTP server)', (ctx) => {
  const before = process.env['SANDOGH_FEED_POLL_MS'];
  beforeAll(() => {
    process.env['SANDOGH_FEED_POLL_MS'] = '40';
  });
  afterAll(() => {
    if (before === undefined) delete process.env['SANDOGH_FEED_POLL_MS'];
    else process.env['SANDOGH_FEED_POLL_MS'] = before;
  });
  let h: OperationsHarness | undefined;
  afterEach(async () => {
    await h?.app.close();
    h = undefined;
  });

  it('streams each step of the zone’s incidents and its figures, scoped like the polling route', async () => {
    h = await operationsHarness(ctx.store);
    const chair = await h.as('branch-trustee', branchScope('b-0001'), { trusteeRole: 'chair' });
    const it1 = await h.as('it-committee', zoneHqScope('zhq-1'));
    const it2 = await h.as('it-committee', zoneHqScope('zhq-2'));
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${base}/api/v1/zone-hqs/zhq-1/incidents/stream`;

    // Out of scope, unsigned or malformed: refused before any stream opens.
    expect(await status(url, it2.bearer)).toBe(403);
    expect(await status(url)).toBe(401);
    expect(await status(`${url}?since=yesterday`, it1.bearer)).toBe(400);
    expect(await status(url, { ...it1.bearer, 'last-event-id': 'x' })).toBe(400);

    const report = async (at: number, severity: string) => {
      h?.set(at);
      const res = await h?.app.inject({
        method: 'POST',
        url: '/api/v1/branches/b-0001/incidents',
        headers: chair.bearer,
        payload: { kind: 'voting-device', severity, description: 'no screen' },
      });
      expect(res?.statusCode).toBe(201);
      return res?.json<{ id: string }>().id ?? '';
    };
    const first = await report(OPENING + MINUTE, 'cannot-vote');

    const response = await open(url, it1.bearer);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['cache-control']).toBe('no-store');
    const pending = readEvents(
      response,
      (es) => es.filter((e) => e.event === 'incident').length >= 3,
    );
    const second = await report(OPENING + 2 * MINUTE, 'minor');
    h.set(OPENING + 3 * MINUTE);
    const ack = await h.app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/incidents/${first}/acknowledge`,
      headers: it1.bearer,
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const events = await pending;

    expect(events[0]?.event).toBe('figures');
    expect(events[0]?.data).toMatchObject({ zoneHqId: 'zhq-1' });
    const steps = events.filter((e) => e.event === 'incident');
    expect(steps.map((e) => [e.data['incidentId'], e.data['step']])).toEqual([
      [first, 'reported'],
      [second, 'reported'],
      [first, 'acknowledge'],
    ]);
    for (const e of steps) expect(e.id).toBe(e.data['at']);
    const lastFigures = events.filter((e) => e.event === 'figures').at(-1);
    expect(lastFigures?.data['unableToVote']).toEqual([
      expect.objectContaining({ branchId: 'b-0001' }),
    ]);

    // A client that takes no event stream gets the frames so far once, and the answer ends.
    const once = await h.app.inject({
      url: '/api/v1/zone-hqs/zhq-1/incidents/stream',
      headers: it1.bearer,
    });
    expect(once.statusCode).toBe(200);
    expect(once.body.match(/^event: incident$/gm)?.length).toBe(3);

    // Resuming with Last-Event-ID sends only what came after it, as `?since=` does.
    const resumed = await open(url, { ...it1.bearer, 'last-event-id': String(steps[1]?.id) });
    const again = await readEvents(resumed, (es) => es.some((e) => e.event === 'incident'));
    expect(
      again
        .filter((e) => e.event === 'incident')
        .map((e) => [e.data['incidentId'], e.data['step']]),
    ).toEqual([[first, 'acknowledge']]);
  });
});
