import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDefinition } from '@sandogh/core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemo } from './write.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sandogh-demo-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function treeHash(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(
      path.slice(dir.length + 1),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return out;
}

describe('writeDemo', () => {
  const options = { branches: 30, registryRows: 25_000 } as const;

  it('writes the definition, round 1, photos, device keys, registry and a README', async () => {
    const dir = await freshDir();
    const progress: [number, number][] = [];
    const written = await writeDemo(dir, {
      ...options,
      onRegistryProgress: (done, total) => progress.push([done, total]),
    });
    const files = [...(await treeHash(dir)).keys()].sort();
    expect(files).toEqual([...written.files].sort());
    expect(files).toEqual(
      expect.arrayContaining([
        'election.json',
        'round1-results.json',
        'device-keys.json',
        'registry.csv',
        'README.md',
      ]),
    );
    expect(files.filter((f) => f.startsWith('photos/') && f.endsWith('.svg'))).toHaveLength(32);
    expect(progress.at(-1)).toEqual([25_000, 25_000]);
    expect(progress.length).toBeGreaterThan(1);

    const electionText = await readFile(join(dir, 'election.json'), 'utf8');
    expect(electionText.endsWith('}\n')).toBe(true);
    expect(electionText.startsWith('{\n  "branches"')).toBe(true); // canonical (RFC 8785) key order
    expect(electionText).not.toContain('privateKeySeed');
    expect(validateDefinition(JSON.parse(electionText)).ok).toBe(true);

    const csv = await readFile(join(dir, 'registry.csv'), 'utf8');
    expect(csv.split('\n')).toHaveLength(25_000 + 2); // header, rows, and the empty string after the last newline
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(written.electionHash);
    expect(readme).toContain('device-keys.json');
  });

  it('writes byte-identical files for the same seed, in any directory', async () => {
    const [a, b, c] = [await freshDir(), await freshDir(), await freshDir()];
    await writeDemo(a, { ...options, registryRows: 2_000 });
    await writeDemo(b, { ...options, registryRows: 2_000 });
    await writeDemo(c, { ...options, registryRows: 2_000, seed: 'another seed' });
    const [ha, hb, hc] = [await treeHash(a), await treeHash(b), await treeHash(c)];
    expect(ha).toEqual(hb);
    expect(hc.get('election.json')).not.toBe(ha.get('election.json'));
    expect(hc.get('registry.csv')).not.toBe(ha.get('registry.csv'));
  });
});
