import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultHqKeyFile,
  ephemeralHqKey,
  openHqKeyFile,
  readHqKeyFile,
  verifyEd25519,
} from './hqKey.js';

describe('the HQ checkpoint key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is generated on first start with mode 0600, then loaded unchanged', () => {
    const file = join(dir, 'data', 'hq-key.pem');
    const first = openHqKeyFile(file);
    expect(first.ok && first.value.created).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = openHqKeyFile(file);
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && again.value.key.keyId).toBe(first.ok && first.value.key.keyId);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('signs what verifies with its public half, and nothing else', () => {
    const key = ephemeralHqKey();
    const message = new TextEncoder().encode('head 42');
    const signature = Buffer.from(key.sign(message)).toString('base64');
    expect(verifyEd25519(key.publicKey, message, signature)).toBe(true);
    expect(verifyEd25519(key.publicKey, new TextEncoder().encode('head 43'), signature)).toBe(
      false,
    );
    expect(verifyEd25519(ephemeralHqKey().publicKey, message, signature)).toBe(false);
    expect(verifyEd25519('not a key', message, signature)).toBe(false);
    expect(verifyEd25519(key.publicKey, message, 'not a signature')).toBe(false);
  });

  it('never shows its private half, not even to JSON.stringify or console.log', () => {
    const file = join(dir, 'hq-key.pem');
    const opened = openHqKeyFile(file);
    if (!opened.ok) throw new Error('key');
    const secret = readFileSync(file, 'utf8').split('\n')[1] ?? '';
    for (const shown of [JSON.stringify(opened.value), inspect(opened.value, { depth: 5 })]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toMatch(/PRIVATE/);
    }
    expect(JSON.parse(JSON.stringify(opened.value.key))).toEqual({
      keyId: opened.value.key.keyId,
      publicKey: opened.value.key.publicKey,
    });
  });

  it('refuses a key file others may read, and a file that holds no Ed25519 key', () => {
    const file = join(dir, 'hq-key.pem');
    if (!openHqKeyFile(file).ok) throw new Error('key');
    if (process.platform !== 'win32') {
      chmodSync(file, 0o644);
      const exposed = readHqKeyFile(file);
      expect(!exposed.ok && exposed.error).toMatchObject({
        code: 'AUDIT_KEY_FILE_EXPOSED',
        details: { mode: '0644' },
      });
    }
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key', { mode: 0o600 });
    expect(openHqKeyFile(junk)).toMatchObject({ ok: false, error: { code: 'AUDIT_KEY_INVALID' } });
    const missingFolder = openHqKeyFile(join(junk, 'below-a-file', 'hq-key.pem'));
    expect(missingFolder).toMatchObject({
      ok: false,
      error: { code: 'AUDIT_KEY_FILE_UNREADABLE' },
    });
  });

  it('lives beside the SQLite file, in the data folder, or where configured', () => {
    expect(defaultHqKeyFile('sqlite:/var/lib/sandogh/hq.sqlite', {})).toBe(
      '/var/lib/sandogh/hq-key.pem',
    );
    expect(defaultHqKeyFile('sqlite::memory:', {})).toBeUndefined();
    expect(defaultHqKeyFile('postgres://db/x', {})).toBe(join('.sandogh', 'hq-key.pem'));
    expect(defaultHqKeyFile('postgres://db/x', { SANDOGH_DATA_DIR: '/srv/hq' })).toBe(
      '/srv/hq/hq-key.pem',
    );
    expect(defaultHqKeyFile('sqlite:a.sqlite', { SANDOGH_HQ_KEY_FILE: '/etc/k.pem' })).toBe(
      '/etc/k.pem',
    );
  });
});
