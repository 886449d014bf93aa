import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseZoneCatalogue } from '../../rules/src/airspace/formats/catalogue.js';
import { ZoneFormatError } from '../../rules/src/airspace/formats/index.js';
import type { Zone } from '../../rules/src/model/zone.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Shared third-party samples, loaded in place (never copied into the repo). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function sharedJson(relative: string): unknown {
  return readJson(path.join(SHARED_DATA, relative));
}

export function ed318Examples(prefix: string): string[] {
  return readdirSync(path.join(SHARED_DATA, 'ed318/examples'))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort();
}

/** A fresh copy of the HK catalogue zones for each caller (no shared mutable fixtures). */
export function catalogueZones(): Zone[] {
  return parseZoneCatalogue(readJson(path.join(REPO_ROOT, 'rules/data/zones/hk-catalogue.json'))).zones;
}

export function fixture(name: string): unknown {
  return readJson(path.join(REPO_ROOT, 'test/formats/fixtures', name));
}

/** Deep copy of a parsed JSON document, for building broken variants. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Runs `fn`, expecting a ZoneFormatError; returns it for assertions on feature and field. */
export function formatError(fn: () => unknown): ZoneFormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZoneFormatError) return err;
    throw new Error(`expected ZoneFormatError, got ${String(err)}`);
  }
  throw new Error('expected ZoneFormatError, but nothing was thrown');
}

let validators: { collection: ValidateFunction; ajv: Ajv } | undefined;

/**
 * The official ED-318 JSON Schemas (draft-07, so Ajv's default class) with their cross-file $refs
 * registered under their file names. `DateTimeType` (a custom format used by the schema) is RFC 3339.
 */
export function ed318Schema(): { collection: ValidateFunction; ajv: Ajv } {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('DateTimeType', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  const dir = path.join(SHARED_DATA, 'ed318/schema');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const schema = readJson(path.join(dir, file)) as { $schema?: string };
    if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') throw new Error(`${file}: not draft-07`);
    ajv.addSchema(schema as object, file);
  }
  const collection = ajv.getSchema('Schema_GeoZones.json');
  if (!collection) throw new Error('Schema_GeoZones.json not loaded');
  validators = { collection, ajv };
  return validators;
}

export function schemaErrors(validate: ValidateFunction, data: unknown): string {
  return validate(data) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 1);
}

/*
 * Path helpers for editing parsed JSON in tests without `any`: paths are dotted, array indices are
 * numbers, e.g. "features.1.geometry.extent.radius".
 */
type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function step(node: unknown, key: string, path: string): unknown {
  if (!isContainer(node)) throw new Error(`${path}: cannot read "${key}" of a non-object`);
  return Array.isArray(node) ? node[Number(key)] : node[key];
}

function parentOf(doc: unknown, path: string): [Container, string] {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  const parent = keys.reduce((node, key) => step(node, key, path), doc);
  if (!isContainer(parent)) throw new Error(`${path}: parent is not an object`);
  return [parent, last];
}

export function getAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce((node, key) => step(node, key, path), doc);
}

export function setAt(doc: unknown, path: string, value: unknown): void {
  const [parent, key] = parentOf(doc, path);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else parent[key] = value;
}

export function deleteAt(doc: unknown, path: string): void {
  const [parent, key] = parentOf(doc, path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/** Members of a JSON array at `path`, as records. */
export function listAt(doc: unknown, path: string): Record<string, unknown>[] {
  const v = getAt(doc, path);
  if (!Array.isArray(v)) throw new Error(`${path}: not an array`);
  return v as Record<string, unknown>[];
}

/** Index of the feature whose `id` is `id` in a FeatureCollection-like document. */
export function featureIndex(doc: unknown, id: string, list = 'features'): number {
  const i = listAt(doc, list).findIndex((f) => f.id === id);
  if (i < 0) throw new Error(`no feature ${id}`);
  return i;
}

export function subSchema(name: string): ValidateFunction {
  const v = ed318Schema().ajv.getSchema(name);
  if (!v) throw new Error(`schema ${name} not loaded`);
  return v;
}
