import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSchemas, SCHEMA_DIR } from '../../server/src/cli/gen-schemas.js';
import { REPO } from './run-cli.js';

describe('schemas/*.schema.json', () => {
  const generated = generateSchemas();
  it.each(Object.keys(generated))('%s is up to date (run `npm run schemas`)', (name) => {
    const onDisk = readFileSync(join(SCHEMA_DIR, name), 'utf8');
    expect(onDisk).toBe(generated[name]);
  });
});

describe('the data files validate against the published schemas', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const schema = (name: string) => {
    let v = compiled.get(name);
    if (!v) {
      v = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')));
      compiled.set(name, v);
    }
    return v;
  };
  const files = (dir: string, ext: RegExp) =>
    readdirSync(join(REPO, dir))
      .filter((f) => ext.test(f))
      .map((f) => [`${dir}/${f}`, join(REPO, dir, f)]);
  const cases: [string, string, string][] = [
    ...files('scenarios/plans', /\.json$/).map(([n, p]): [string, string, string] => [n, 'FlightPlan', p]),
    // A rulebook file is a full rulebook or an amendment of one: each names its schema in `$schema`.
    ...files('rules/data/rulebooks', /\.ya?ml$/).map(([n, p]): [string, string, string] => [
      n,
      /^\$schema: .*Amendment\.schema\.json$/m.test(readFileSync(p, 'utf8')) ? 'Amendment' : 'Rulebook',
      p,
    ]),
    ...files('rules/data/drafts', /\.ya?ml$/).map(([n, p]): [string, string, string] => [n, 'Draft', p]),
  ];
  it.each(cases)('%s matches %s', (_name, schemaName, path) => {
    const validate = schema(schemaName);
    const data: unknown = path.endsWith('.json')
      ? JSON.parse(readFileSync(path, 'utf8'))
      : parse(readFileSync(path, 'utf8'));
    expect(validate(data), ajv.errorsText(validate.errors)).toBe(true);
  });
});
