import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { operations } from '../../rules/src/api/index.js';
import { loadConfig } from '../../server/src/config.js';
import { loadJobQueueConfig } from '../../server/src/jobs-queue/config.js';

/**
 * deploy/compose.yaml cannot be run here (no container runtime with images offline), so this holds it to the code:
 * every node's environment is a valid server configuration that joins the cluster on the shared store, node ids
 * differ, the worker's is a valid queue configuration, the health check asks the readiness operation, and nginx
 * balances over exactly the node services with the websocket upgrade and sticky clients socket.io needs.
 */
const dir = path.resolve(import.meta.dirname, '../../deploy');
const Service = z.looseObject({
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  command: z.array(z.string()).optional(),
  healthcheck: z.looseObject({ test: z.array(z.string()) }).optional(),
});
const Compose = z.looseObject({ services: z.record(z.string(), Service) });
const compose = Compose.parse(parse(readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), { merge: true }));
const nginx = readFileSync(path.join(dir, 'nginx.conf'), 'utf8');
const envOf = (name: string): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([k, v]) => [k, String(v)]));
const nodeNames = Object.keys(compose.services).filter((n) => /^node\d+$/.test(n));

describe('deploy/compose.yaml', () => {
  it('runs at least two server nodes, each a valid configuration in the cluster on the shared store', () => {
    expect(nodeNames.length).toBeGreaterThanOrEqual(2);
    const ids = nodeNames.map((name) => {
      const config = loadConfig(envOf(name), '/app');
      expect(config.databaseUrl, name).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(config.cluster?.redisUrl, name).toBe('redis://redis:6379');
      expect(config.host).toBe('0.0.0.0');
      // nginx is one hop: the client is the last forwarded address, not nginx
      expect(config.trustProxy('172.18.0.5', 0)).toBe(true);
      expect(config.trustProxy('203.0.113.9', 1)).toBe(false);
      return config.cluster?.nodeId;
    });
    expect(new Set(ids).size).toBe(nodeNames.length);
  });

  it('health-checks nodes on the readiness operation', () => {
    for (const name of nodeNames) {
      const test = compose.services[name]?.healthcheck?.test.join(' ') ?? '';
      expect(test, name).toContain(operations.readiness.path);
    }
  });

  it('runs a queue worker on the same store and Redis prefix as the nodes', () => {
    const worker = compose.services.worker;
    expect(worker?.command?.slice(-1)).toEqual(['worker']);
    const queue = loadJobQueueConfig(envOf('worker'));
    const nodeQueue = loadJobQueueConfig(envOf(nodeNames[0]));
    expect(queue).toBeDefined();
    expect(queue?.prefix).toBe(nodeQueue?.prefix);
    expect(envOf('worker').DATABASE_URL).toBe(envOf(nodeNames[0]).DATABASE_URL);
  });

  it('nginx balances over exactly the node services, sticky, with the websocket upgrade', () => {
    const upstream = [...nginx.matchAll(/^\s*server\s+([\w-]+):8080/gm)].map((m) => m[1]).sort();
    expect(upstream).toEqual([...nodeNames].sort());
    expect(nginx).toMatch(/^\s*ip_hash;/m);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  });
});
