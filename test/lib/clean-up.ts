/**
 * Clean-ups of what a test or a test file made (stores, schemas, temporary folders), for the helper modules that
 * make them. The hooks that run them are registered by `test/setup/clean-up-hooks.ts`, a vitest setup file, which
 * runs for every test file: test files share a worker process (`isolate: false`) and a helper module is evaluated
 * once per worker, so hooks registered at a helper's top level would belong to the first file that imported it only.
 * Outside vitest (benchmarks) nothing runs them; those callers clean up at exit themselves.
 */
type CleanUp = () => unknown;

const perTest: CleanUp[] = [];
const perFile: CleanUp[] = [];
let inTest = false;

/** Runs after the current test, or after the file when called outside a test (in a beforeAll, at import). */
export function cleanUpAfterTest(clean: CleanUp): void {
  (inTest ? perTest : perFile).push(clean);
}

/** Runs after the current test file's last test. */
export function cleanUpAfterFile(clean: CleanUp): void {
  perFile.push(clean);
}

/** Last made, first cleaned (a store before its database); a failing clean-up does not stop the others. */
async function run(list: CleanUp[]): Promise<void> {
  for (const clean of list.splice(0).reverse()) {
    try {
      await clean();
    } catch {
      // already gone (a test closed it itself) or unreachable: nothing left to do for this one
    }
  }
}

/** For the setup file only. */
export const cleanUpHooks = {
  beforeEach(): void {
    inTest = true;
  },
  async afterEach(): Promise<void> {
    inTest = false;
    await run(perTest);
  },
  afterAll: (): Promise<void> => run(perFile),
};
