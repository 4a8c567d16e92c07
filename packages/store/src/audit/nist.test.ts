import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, sha256Hex } from '@sandogh/core';
import type { Store } from '../store.js';
import { describeEachEngine } from '../testing/engines.js';
import { recordAudit } from './append.js';
import { signCheckpoint } from './checkpoint.js';
import { ephemeralHqKey } from './hqKey.js';
import { nistEventLogChunks, nistEventLogDocumentation } from './nist.js';
import { sampleAuditEntries } from './testSupport.js';

/**
 * The official NIST SP 1500-101 schema lives beside the repository, never inside it
 * (/work/shared/schemas/nist/README.md): `<repo>/../shared`, or SANDOGH_SHARED_DIR.
 */
const sharedDir =
  process.env['SANDOGH_SHARED_DIR'] ??
  join(fileURLToPath(new URL('../../../../', import.meta.url)), '..', 'shared');
const schemaFile = join(sharedDir, 'schemas', 'nist', 'NIST_V1_election_event_logging.json');
const schema: unknown = existsSync(schemaFile)
  ? JSON.parse(readFileSync(schemaFile, 'utf8'))
  : undefined;

// CommonJS packages: whichever way the loader wraps them, `.default` is the export.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema as object);
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

async function exported(store: Store, options = {}): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of nistEventLogChunks(store, options)) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

interface NistEvent {
  Sequence: string;
  Hash: string;
  Details: string;
  Id: string;
  Disposition: string;
}

const itWithSchema = schema === undefined ? it.skip : it;
if (schema === undefined)
  console.warn(
    `NIST SP 1500-101 schema not found at ${schemaFile}: its validation tests are skipped (set SANDOGH_SHARED_DIR).`,
  );

describeEachEngine('the NIST SP 1500-101 export', (ctx) => {
  const key = ephemeralHqKey();
  async function build(): Promise<void> {
    await recordAudit(ctx.store, sampleAuditEntries(7));
    await signCheckpoint(ctx.store, key, 'phase:opening');
    await recordAudit(ctx.store, sampleAuditEntries(5, 7));
  }

  itWithSchema('validates against the official schema, empty or not', async () => {
    const validate = validator();
    expect(validate(await exported(ctx.store))).toEqual([]);
    await build();
    const log = await exported(ctx.store, {
      electionId: 'sample-2024',
      hqKeyId: key.keyId,
      pageSize: 5,
    });
    expect(validate(log)).toEqual([]);
    // The schema is really applied: an unknown property or a bad disposition is refused.
    expect(validate({ ...log, Extra: 1 })).not.toEqual([]);
    const [device] = log['Device'] as { Event: Record<string, unknown>[] }[];
    const event = device?.Event[0];
    if (event !== undefined) event['Disposition'] = 'maybe';
    expect(validate(log)).not.toEqual([]);
  });

  itWithSchema(
    'documents every event id and type in a schema-valid ElectionEventLogDocumentation',
    () => {
      expect(validator()(nistEventLogDocumentation())).toEqual([]);
    },
  );

  it('carries every entry with its sequence, hash and hashed form, so the chain can be checked from the export alone', async () => {
    await build();
    const log = await exported(ctx.store, { hqKeyId: key.keyId, pageSize: 4 });
    const [device] = log['Device'] as { Id: string; Event: NistEvent[]; Details: string }[];
    expect(device?.Id).toBe(`sandogh-hq:${key.keyId}`);
    const events = device?.Event ?? [];
    expect(events.map((e) => e.Sequence)).toEqual(events.map((_, i) => String(i + 1)));
    let previous = AUDIT_GENESIS_HASH;
    for (const event of events) {
      expect(sha256Hex(event.Details)).toBe(event.Hash);
      expect((JSON.parse(event.Details) as { previousHash: string }).previousHash).toBe(previous);
      previous = event.Hash;
    }
    expect(events[1]).toMatchObject({ Id: 'SDG-0202', Disposition: 'failure' });
    expect(events[7]).toMatchObject({ Id: 'SDG-0301', Disposition: 'success' });
    const details = JSON.parse(device?.Details ?? '{}') as { checkpoints: { sequence: number }[] };
    expect(details.checkpoints.map((c) => c.sequence)).toEqual([8]);
  });
});
