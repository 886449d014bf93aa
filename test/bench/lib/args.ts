import { parseArgs } from 'node:util';

/** A bench flag that is unknown, or whose value is not what the bench can run with. */
export class BenchArgError extends Error {
  override name = 'BenchArgError';
}

interface NumberCheck {
  integer?: boolean;
  min?: number;
  max?: number;
}

/**
 * The flags of a bench (`--name value`), read with node:util's parseArgs (an unknown flag or a flag without its value
 * is refused), each value checked when read: a bench run with a mistyped number would measure something else than it
 * says, so it stops instead (exit code 2 through `orExit`).
 */
export class BenchArgs {
  private readonly values: Record<string, unknown>;

  /** `names`: flags with a value; `switches`: flags without one (`--no-postgis`). */
  constructor(argv: readonly string[], names: readonly string[], switches: readonly string[] = []) {
    const options = Object.fromEntries([
      ...names.map((n) => [n, { type: 'string' as const }]),
      ...switches.map((n) => [n, { type: 'boolean' as const }]),
    ]);
    try {
      this.values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    } catch (err) {
      throw new BenchArgError(err instanceof Error ? err.message : String(err));
    }
  }

  private raw(name: string, dflt: string): string {
    const v = this.values[name];
    return typeof v === 'string' ? v : dflt;
  }

  /** Whether a switch was given. */
  has(name: string): boolean {
    return this.values[name] === true;
  }

  /** A comma-separated list of numbers, each checked. */
  numbers(name: string, dflt: string, check: NumberCheck = {}): number[] {
    return this.raw(name, dflt)
      .split(',')
      .map((p) => checkedNumber(name, p, check));
  }

  number(name: string, dflt: string, check: NumberCheck = {}): number {
    return checkedNumber(name, this.raw(name, dflt), check);
  }

  choice<T extends string>(name: string, dflt: T, options: readonly T[]): T {
    return checkedChoice(name, this.raw(name, dflt), options);
  }

  /** A comma-separated list of free words (none empty), or undefined when the flag is not given. */
  words(name: string): string[] | undefined {
    const v = this.values[name];
    if (typeof v !== 'string') return undefined;
    const words = v.split(',').map((w) => w.trim());
    if (words.some((w) => w === '')) throw new BenchArgError(`--${name} must be a comma-separated list (got "${v}")`);
    return words;
  }

  /** A comma-separated list, each one of `options`. */
  choices<T extends string>(name: string, dflt: string, options: readonly T[]): T[] {
    return this.raw(name, dflt)
      .split(',')
      .map((p) => checkedChoice(name, p, options));
  }
}

function checkedChoice<T extends string>(name: string, raw: string, options: readonly T[]): T {
  const found = options.find((o) => o === raw);
  if (found === undefined) throw new BenchArgError(`--${name} must be one of ${options.join(', ')} (got "${raw}")`);
  return found;
}

function checkedNumber(name: string, raw: string, check: NumberCheck): number {
  const x = raw.trim() === '' ? Number.NaN : Number(raw);
  const what = check.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(x) || (check.integer && !Number.isInteger(x)))
    throw new BenchArgError(`--${name} must be ${what} (got "${raw}")`);
  if (check.min !== undefined && x < check.min)
    throw new BenchArgError(`--${name} must be at least ${check.min} (got ${x})`);
  if (check.max !== undefined && x > check.max)
    throw new BenchArgError(`--${name} must be at most ${check.max} (got ${x})`);
  return x;
}

/** Read a bench's flags; on a bad one, say which and why on stderr and exit with code 2. */
export function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof BenchArgError)) throw err;
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(2);
  }
}
