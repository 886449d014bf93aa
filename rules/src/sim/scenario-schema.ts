import { z } from 'zod';
import { PermissionList } from './permission-list.js';
import { Scenario } from './scenario.js';

function schemaText(schema: z.ZodType, id: string, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ $id: `https://sua-sandbox.local/schemas/${id}`, title, ...json }, null, 2)}\n`;
}

/** The published JSON Schema of scenario files (scenarios/scenario.schema.json), generated from zod. */
export function scenarioSchemaText(): string {
  return schemaText(Scenario, 'scenario.schema.json', 'Live-simulation scenario (sua-sandbox)');
}

/** JSON Schema of permission list files (rules/data/permissions/*.yaml). */
export function permissionListSchemaText(): string {
  return schemaText(
    PermissionList,
    'PermissionList.schema.json',
    'List of permissions / sandbox projects (sua-sandbox)',
  );
}
