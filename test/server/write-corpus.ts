/**
 * Writes a generated impact corpus (the same generator as the tests) for timing the CLI:
 *   node --import tsx test/server/write-corpus.ts 1000 /tmp/corpus [--max-route-m 2000]
 *   time npx sua-sandbox impact a2-height-400ft --corpus /tmp/corpus > /dev/null
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatePlans } from './plans.js';

const [nArg = '1000', dir = 'corpus', flag, value] = process.argv.slice(2);
const maxRouteM = flag === '--max-route-m' ? Number(value) : undefined;
fs.mkdirSync(dir, { recursive: true });
const plans = generatePlans(Number(nArg), 7, { maxRouteM });
fs.writeFileSync(path.join(dir, 'generated.json'), JSON.stringify(plans));
process.stdout.write(`${plans.length} plans → ${path.join(dir, 'generated.json')}\n`);
