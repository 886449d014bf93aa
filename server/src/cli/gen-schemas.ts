import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RulebookChange } from '@sua-sandbox/rules/engine';
import {
  Amendment,
  Draft,
  FlightPlan,
  Permission,
  Report,
  RequirementsRegister,
  Rulebook,
  Zone,
} from '@sua-sandbox/rules/model';
import { PermissionList } from '@sua-sandbox/rules/sim';
import { z } from 'zod';
import { PlanProfile } from './plan-input.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));

/** Files people write are validated as input (defaults optional); what we produce is described as output. */
const targets: { name: string; schema: z.ZodType; io: 'input' | 'output'; title: string }[] = [
  { name: 'FlightPlan', schema: FlightPlan, io: 'input', title: 'SUA flight plan (sua-sandbox)' },
  {
    name: 'PlanProfile',
    schema: PlanProfile,
    io: 'input',
    title: 'Plan profile: what a route file does not say (aircraft, crew, operation, start) (sua-sandbox)',
  },
  { name: 'Rulebook', schema: Rulebook, io: 'input', title: 'Rulebook: Cap. 448G as data (sua-sandbox)' },
  { name: 'Draft', schema: Draft, io: 'input', title: 'Draft reform over a rulebook (sua-sandbox)' },
  { name: 'Amendment', schema: Amendment, io: 'input', title: 'Enacted amendment of a rulebook (sua-sandbox)' },
  {
    name: 'RequirementsRegister',
    schema: RequirementsRegister,
    io: 'input',
    title: 'Requirements register: provisions and the rules implementing them (sua-sandbox)',
  },
  { name: 'Zone', schema: Zone, io: 'input', title: 'Airspace zone (sua-sandbox)' },
  { name: 'Permission', schema: Permission, io: 'input', title: 'CAD permission or sandbox project (sua-sandbox)' },
  {
    name: 'PermissionList',
    schema: PermissionList,
    io: 'input',
    title: 'Permission and sandbox-project list (sua-sandbox)',
  },
  { name: 'Report', schema: Report, io: 'output', title: 'Evaluation report (sua-sandbox)' },
  {
    name: 'RulebookChange',
    schema: z.array(RulebookChange),
    io: 'output',
    title: 'Differences between rulebooks (sua-sandbox)',
  },
];

/** Every published JSON Schema, as the text committed under schemas/ (stable key order, trailing newline). */
export function generateSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of targets) {
    const json = z.toJSONSchema(t.schema, { io: t.io, unrepresentable: 'any' });
    out[`${t.name}.schema.json`] =
      `${JSON.stringify({ $id: `https://sua-sandbox.local/schemas/${t.name}.schema.json`, title: t.title, ...json }, null, 2)}\n`;
  }
  return out;
}

export function writeSchemas(dir: string = SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const files = generateSchemas();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = writeSchemas();
  process.stdout.write(`wrote ${written.length} schemas to ${SCHEMA_DIR}: ${written.join(', ')}\n`);
}
