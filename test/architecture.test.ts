import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * rules/ is a pure library: no node I/O, no network, no server frameworks, no server/ or client/ code,
 * no wall clock and no unseeded randomness. Scans every source file under rules/src.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULES = join(ROOT, 'rules', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|js|mjs|cjs|tsx)$/.test(name) ? [p] : [];
  });
}

const FORBIDDEN_MODULES = [
  /^node:/,
  /^(fs|fs\/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|cluster|os|path|url|readline|process|vm)$/,
  /^express(\/|$)/,
  /^socket\.io(-client)?(\/|$)/,
  /^better-sqlite3$/,
  /^kysely/,
  /^multer$/,
  /^pino/,
];

/** Every module specifier imported or required by a file (static, dynamic, re-export, require). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s+)?from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

const files = sources(RULES);

describe('architecture: rules/ is pure', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(30);
  });
  it('the import scanner sees every import form', () => {
    const sample = [
      "import fs from 'node:fs';",
      "import { x } from '../../server/src/app.js';",
      "export * from 'express';",
      "const s = await import('socket.io');",
      "const c = require('child_process');",
      "import type { T } from 'http';",
    ].join('\n');
    expect(importsOf(sample)).toEqual([
      'node:fs',
      '../../server/src/app.js',
      'http',
      'express',
      'socket.io',
      'child_process',
    ]);
  });
  it('no file imports node I/O, a server framework, server/ or client/ code', () => {
    const offenders: string[] = [];
    for (const file of files)
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const leaves = spec.startsWith('.') && !relative(ROOT, join(file, '..', spec)).startsWith('rules');
        if (leaves || FORBIDDEN_MODULES.some((re) => re.test(spec))) offenders.push(`${relative(ROOT, file)}: ${spec}`);
      }
    expect(offenders).toEqual([]);
  });
  it('no file reads the wall clock, the environment or unseeded randomness', () => {
    const offenders = files.filter((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /\bDate\.now\s*\(|\bnew Date\(\s*\)|\bMath\.random\s*\(|\bperformance\.now\s*\(|\bprocess\.(env|argv|exit|cwd)\b/.test(
        code,
      );
    });
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

/**
 * server/, client/ and bin/ reach the rules library only through its package entry points
 * (`@sua-sandbox/rules/<entry>`, declared in rules/package.json), never by a path into rules/src; the client
 * never imports server code.
 */
const RULES_PACKAGE = JSON.parse(readFileSync(join(ROOT, 'rules', 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string>;
};
const ENTRY_POINTS = new Set(
  Object.keys(RULES_PACKAGE.exports).map((k) =>
    k === '.' ? RULES_PACKAGE.name : `${RULES_PACKAGE.name}/${k.slice(2)}`,
  ),
);

function packageImportOffences(file: string, layer: 'server' | 'client' | 'bin', text = readFileSync(file, 'utf8')) {
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    const target = spec.startsWith('.') ? relative(ROOT, join(file, '..', spec)) : null;
    if (target?.startsWith('rules')) out.push(`${relative(ROOT, file)}: ${spec} (a path into rules/)`);
    if (spec.startsWith(`${RULES_PACKAGE.name}/`) && !ENTRY_POINTS.has(spec))
      out.push(`${relative(ROOT, file)}: ${spec} (not an entry point)`);
    if (layer === 'client' && target?.startsWith('server')) out.push(`${relative(ROOT, file)}: ${spec} (server code)`);
  }
  return out;
}

describe('architecture: server and client use the rules package', () => {
  it('every entry point in the exports map exists', () => {
    for (const target of Object.values(RULES_PACKAGE.exports))
      expect(statSync(join(ROOT, 'rules', target)).isFile(), target).toBe(true);
  });
  it('the checker catches a deep import, a path into rules/ and a client import of server code', () => {
    const probe = join(ROOT, 'client', 'src', 'probe.ts');
    const text = [
      "import { x } from '@sua-sandbox/rules/src/model/plan.js';",
      "import { y } from '../../rules/src/engine/index.js';",
      "import { z } from '../../server/src/app.js';",
      "import { ok } from '@sua-sandbox/rules/model';",
    ].join('\n');
    expect(packageImportOffences(probe, 'client', text).map((o) => o.replace(/^.*\((.*)\)$/, '$1'))).toEqual([
      'not an entry point',
      'a path into rules/',
      'server code',
    ]);
  });
  for (const layer of ['server', 'client', 'bin'] as const)
    it(`${layer}/ imports only the rules package's entry points`, () => {
      const dir = join(ROOT, layer, layer === 'bin' ? '' : 'src');
      const found = sources(dir).filter((f) => !f.includes(`${join('client', 'dist')}`));
      expect(found.length).toBeGreaterThan(0);
      expect(found.flatMap((f) => packageImportOffences(f, layer))).toEqual([]);
    });
});
