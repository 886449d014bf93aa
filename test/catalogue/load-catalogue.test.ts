import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueError, parseZoneCatalogue } from '../../rules/src/airspace/formats/catalogue.js';
import { CATALOGUE_PATH, loadCatalogue } from '../../server/src/data/airspace.js';

const base = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as { version: string; zones: Record<string, unknown>[] };

function writeTemp(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'zones.json');
  writeFileSync(file, content);
  return file;
}

describe('loadCatalogue', () => {
  it('loads the built-in catalogue with its version', () => {
    const c = loadCatalogue();
    expect(c.version).toBe(base.version);
    expect(c.zones.map((z) => z.id)).toEqual(base.zones.map((z) => z.id));
  });

  it('names the zone index, id and field of a bad zone', () => {
    const zones = structuredClone(base.zones);
    zones[3] = { ...zones[3], lower: { value: 0, unit: 'yd', ref: 'AGL' } };
    const file = writeTemp(JSON.stringify({ version: 'x', zones }));
    expect(() => loadCatalogue(file)).toThrow(new RegExp(`zones\\[3\\] \\(${String(zones[3].id)}\\) lower\\.unit`));
  });

  it('reports duplicate ids', () => {
    const zones = [base.zones[0], base.zones[0]];
    try {
      parseZoneCatalogue({ version: 'x', zones });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogueError);
      expect((err as CatalogueError).issues[0]).toMatchObject({ zoneIndex: 1, path: ['id'] });
    }
  });

  it('rejects a file without version', () => {
    expect(() => parseZoneCatalogue({ zones: [] })).toThrow(/version/);
  });

  it('names the file when it is not JSON', () => {
    const file = writeTemp('{ not json');
    expect(() => loadCatalogue(file)).toThrow(/not valid JSON/);
  });
});
