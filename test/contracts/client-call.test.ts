import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type Operation, operations } from '../../rules/src/api/index.js';

/**
 * The client's HTTP layer (client/src/net/api.ts `call`) against a stubbed fetch: it builds the request from
 * the operation, returns the answer parsed by the operation's declared schema, and turns an answer that does
 * not match (or a status the operation does not declare) into ApiError `bad_response`. The module is loaded by
 * URL: it is browser code (the root tsconfig has no DOM types), checked by `tsc -p client`.
 */
type Call = (op: Operation, input: object) => Promise<unknown>;
let call: Call;
const ClientError = z.object({
  name: z.literal('ApiError'),
  code: z.string(),
  status: z.number(),
  issues: z.array(z.unknown()),
});

beforeAll(async () => {
  vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' });
  const mod: unknown = await import(new URL('../../client/src/net/api.ts', import.meta.url).href);
  const fn: unknown = Reflect.get(Object(mod), 'call');
  if (typeof fn !== 'function') throw new Error('client/src/net/api.ts exports no call()');
  call = (op, input) => Promise.resolve(fn(op, input));
});
afterEach(() => vi.unstubAllGlobals());

const requests: { url: string; method: string; body: unknown }[] = [];
function answer(status: number, body: string, contentType = 'application/json') {
  requests.length = 0;
  vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ url, method: String(init.method), body: init.body });
    return new Response(status === 204 ? null : body, { status, headers: { 'content-type': contentType } });
  });
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return ClientError.parse({ ...Object(e), name: Reflect.get(Object(e), 'name') });
  }
  throw new Error('expected the call to fail');
}

const summary = {
  id: 'cap448g',
  title: 'Cap. 448G',
  version: '2022',
  status: 'in-force',
  commencement: '2022-06-01',
  supersedes: null,
  instrument: {
    instrument: 'Cap. 448G',
    section: null,
    url: 'https://www.elegislation.gov.hk/hk/cap448G',
    secondary: true,
  },
  ruleCount: 12,
};

describe('client call(): the answer is parsed with the operation’s schema', () => {
  it('builds the URL from the path, parameters and query, and returns the parsed answer', async () => {
    answer(200, JSON.stringify({ a: summary, b: summary, changes: [] }));
    const out = await call(operations.diffRulebooks, { query: { a: 'cap448g', b: 'draft:x y' } });
    expect(out).toEqual({ a: summary, b: summary, changes: [] });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      url: 'http://sandbox.test/app/api/diff?a=cap448g&b=draft%3Ax+y',
    });

    answer(204, '');
    expect(await call(operations.deletePlan, { params: { id: 'p/1' } })).toBeUndefined();
    expect(requests[0]).toMatchObject({ method: 'DELETE', url: 'http://sandbox.test/app/api/plans/p%2F1' });
  });

  it('an answer that does not match the declared schema is bad_response, naming the field', async () => {
    answer(200, JSON.stringify([{ ...summary, ruleCount: 'twelve' }]));
    const e = await failure(call(operations.listRulebooks, {}));
    expect(e.code).toBe('bad_response');
    expect(JSON.stringify(e.issues)).toContain('ruleCount');
  });

  it('a list wrapped in an object is not guessed at: bad_response', async () => {
    answer(200, JSON.stringify({ rulebooks: [summary] }));
    expect((await failure(call(operations.listRulebooks, {}))).code).toBe('bad_response');
  });

  it('a status the operation does not declare, or a body that is not JSON, is bad_response', async () => {
    answer(201, JSON.stringify([summary]));
    expect((await failure(call(operations.listRulebooks, {}))).code).toBe('bad_response');
    answer(200, '<html>proxy</html>', 'text/html');
    expect((await failure(call(operations.listRulebooks, {}))).code).toBe('bad_response');
  });

  it('a problem body keeps the server’s code', async () => {
    answer(404, JSON.stringify({ error: { code: 'not_found', message: 'no plan "x"' } }));
    const e = await failure(call(operations.getPlan, { params: { id: 'x' } }));
    expect(e).toMatchObject({ code: 'not_found', status: 404 });
  });
});
