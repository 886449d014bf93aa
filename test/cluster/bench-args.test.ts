import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BenchArgError, BenchArgs } from '../bench/lib/args.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const NAMES = ['sizes', 'rounds', 'target', 'ground'];
const read = (argv: string[]) => {
  const a = new BenchArgs(argv, NAMES);
  return {
    sizes: a.numbers('sizes', '10000,20000', { integer: true, min: 2 }),
    rounds: a.number('rounds', '3', { integer: true, min: 1 }),
    target: a.number('target', '1.7', { min: 1 }),
    ground: a.choice('ground', 'terrain', ['terrain', 'surface', 'sea-level']),
  };
};

describe('bench flags', () => {
  it('take the defaults, or the values given', () => {
    expect(read([])).toEqual({ sizes: [10000, 20000], rounds: 3, target: 1.7, ground: 'terrain' });
    expect(read(['--sizes', '500', '--rounds', '5', '--target', '2', '--ground', 'surface'])).toEqual({
      sizes: [500],
      rounds: 5,
      target: 2,
      ground: 'surface',
    });
  });

  it.each([
    [['--rounds', 'x'], '--rounds must be an integer (got "x")'],
    [['--rounds', '2.5'], '--rounds must be an integer (got "2.5")'],
    [['--rounds', '0'], '--rounds must be at least 1 (got 0)'],
    [['--sizes', '1000,,2000'], '--sizes must be an integer (got "")'],
    [['--target', 'Infinity'], '--target must be a number (got "Infinity")'],
    [['--ground', 'moon'], '--ground must be one of terrain, surface, sea-level (got "moon")'],
    [['--bogus', '1'], "Unknown option '--bogus'"],
    [['--rounds'], "Option '--rounds <value>' argument missing"],
  ])('refuse %j, naming the flag', (argv, message) => {
    expect(() => read(argv)).toThrow(BenchArgError);
    expect(() => read(argv)).toThrow(message);
  });

  it('read switches and lists of choices', () => {
    const a = new BenchArgs(['--modes', 'naive,batched', '--no-postgis'], ['modes'], ['no-postgis']);
    expect(a.choices('modes', 'batched', ['batched', 'naive'])).toEqual(['naive', 'batched']);
    expect(a.has('no-postgis')).toBe(true);
    expect(new BenchArgs([], ['modes'], ['no-postgis']).has('no-postgis')).toBe(false);
    expect(() => a.choices('modes', 'batched', ['batched'])).toThrow('--modes must be one of batched (got "naive")');
    expect(() => new BenchArgs(['--no-postgis=1'], [], ['no-postgis'])).toThrow(BenchArgError);
  });

  it('read a list of free words, none empty', () => {
    expect(new BenchArgs(['--only', 'join, kmz'], ['only']).words('only')).toEqual(['join', 'kmz']);
    expect(new BenchArgs([], ['only']).words('only')).toBeUndefined();
    expect(() => new BenchArgs(['--only', 'join,,kmz'], ['only']).words('only')).toThrow(
      '--only must be a comma-separated list (got "join,,kmz")',
    );
  });

  it('the live-phases, abuse and client benches read their flags the same way', () => {
    const bench = (file: string, args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', `test/bench/${file}`, ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 90_000,
      });
    const ok = bench('live-phases.bench.ts', [
      '--aircraft',
      '200',
      '--steps',
      '3',
      '--warm',
      '5',
      '--ground',
      'sea-level',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      bench: 'live-phases',
      aircraft: 200,
      warm: 5,
      steps: 3,
      ground: 'sea-level',
    });
    const refused: [string, string[], string][] = [
      [
        'live-phases.bench.ts',
        ['--ground', 'moon'],
        '--ground must be one of terrain, surface, sea-level (got "moon")',
      ],
      // the positional form of earlier sessions, refused rather than read as something else
      ['live-phases.bench.ts', ['300'], 'Unexpected argument'],
      ['live-phases.bench.ts', ['--aircraft', 'many'], '--aircraft must be an integer (got "many")'],
      ['abuse.bench.ts', ['--only', 'nosuch'], '--only: no attack matches "nosuch"'],
      ['client.bench.ts', ['--runs', '0'], '--runs must be at least 1 (got 0)'],
    ];
    for (const [file, args, message] of refused) {
      const r = bench(file, args);
      expect(r.status, `${file} ${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  }, 120_000);

  it('a bench given a bad flag says so and exits with code 2 before measuring anything', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/cluster.bench.ts', '--shards', '1,0'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bench: --shards must be at least 1 (got 0)');
    expect(r.stdout).toBe('');
  });

  it('the allocation bench prints the garbage of each phase per step by function, and refuses a bad flag', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/allocation.bench.ts', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 90_000,
      });
    const ok = run(['--aircraft', '300', '--warm', '2', '--steps', '3', '--interval', '256', '--top', '2']);
    expect(ok.status, ok.stderr).toBe(0);
    const phases = new Map(
      [...ok.stdout.matchAll(/^ {2}(\S.*?)\s+([\d.]+) MB {2}\((\d+) B per aircraft\)$/gm)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect([...phases.keys()]).toEqual(['sim', 'single', 'sharded (2)']);
    // both monitors word the findings that open: never nothing
    expect(phases.get('single')).toBeGreaterThan(0);
    expect(phases.get('sharded (2)')).toBeGreaterThan(0);
    // each phase followed by its top functions
    expect(ok.stdout.match(/^ {6}\s*[\d.]+ MB {2}\S/gm)?.length).toBeGreaterThanOrEqual(4);
    const bad = run(['--shards', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bench: --shards must be at least 1 (got 0)');
    expect(bad.stdout).toBe('');
  }, 120_000);

  it('the critical path runs in a process of its own: its JSON on stdout, a bad flag refused the same way', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/lib/critical-path-main.ts', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 90_000,
      });
    const ok = run(['--aircraft', '300', '--shards', '2', '--warm', '2', '--steps', '5']);
    expect(ok.status).toBe(0);
    const path = JSON.parse(ok.stdout);
    expect(path).toMatchObject({ shards: 2, aircraft: 300 });
    expect(path.criticalP50Ms).toBeGreaterThan(0);
    expect(path.totalCpuMs).toBeGreaterThanOrEqual(path.criticalP50Ms / 2);
    const bad = run(['--aircraft', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--aircraft');
    expect(bad.stdout).toBe('');
  }, 120_000);
});
