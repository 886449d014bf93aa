import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchemaText } from '../../rules/src/sim/scenario-schema.js';
import { loadScenarios, SCENARIO_DIR } from '../../server/src/data/scenarios.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

describe('scenario JSON Schema', () => {
  it('scenarios/scenario.schema.json is the schema generated from zod (UPDATE=1 rewrites it)', () => {
    const text = scenarioSchemaText();
    if (process.env.UPDATE === '1') writeFileSync(SCHEMA_FILE, text);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(text);
  });

  it('every built-in scenario file validates against the published schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    for (const s of loadScenarios()) {
      const raw = parse(readFileSync(`${SCENARIO_DIR}${s.id}.yaml`, 'utf8'), { merge: true });
      const ok = validate(raw);
      expect(ok, `${s.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});
