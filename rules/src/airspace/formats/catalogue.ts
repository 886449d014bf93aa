import { z } from 'zod';
import { Zone } from '../../model/zone.js';
import { type ApiIssue, issuesFromZod } from '../../protocol/errors.js';

/** A zone catalogue file: `{ version, generated?, zones }`. */
export interface ZoneCatalogue {
  version: string;
  generated?: string;
  zones: Zone[];
}

/** One problem in a catalogue, naming the zone (index and id) and the field path inside it. */
export interface CatalogueIssue extends ApiIssue {
  zoneIndex: number | null;
  zoneId: string | null;
}

export class CatalogueError extends Error {
  constructor(readonly issues: CatalogueIssue[]) {
    super(`invalid zone catalogue:\n${issues.map(formatCatalogueIssue).join('\n')}`);
    this.name = 'CatalogueError';
  }
}

export function formatCatalogueIssue(issue: CatalogueIssue): string {
  const where = issue.zoneIndex === null ? '' : `zones[${issue.zoneIndex}]${issue.zoneId ? ` (${issue.zoneId})` : ''} `;
  return `${where}${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

const Header = z.object({
  version: z.string().min(1),
  generated: z.string().optional(),
  zones: z.array(z.unknown()),
});

function zoneIdOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return null;
}

/** Validates an already-parsed catalogue object. Throws `CatalogueError` listing every issue. */
export function parseZoneCatalogue(input: unknown): ZoneCatalogue {
  const header = Header.safeParse(input);
  if (!header.success) {
    throw new CatalogueError(issuesFromZod(header.error).map((i) => ({ zoneIndex: null, zoneId: null, ...i })));
  }
  const issues: CatalogueIssue[] = [];
  const zones: Zone[] = [];
  const seen = new Map<string, number>();
  header.data.zones.forEach((raw, index) => {
    const zoneId = zoneIdOf(raw);
    const parsed = Zone.safeParse(raw);
    if (!parsed.success) {
      for (const i of issuesFromZod(parsed.error)) issues.push({ zoneIndex: index, zoneId, ...i });
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      issues.push({
        zoneIndex: index,
        zoneId,
        path: ['id'],
        message: `duplicate zone id (first used by zones[${first}])`,
      });
      return;
    }
    seen.set(parsed.data.id, index);
    zones.push(parsed.data);
  });
  if (issues.length > 0) throw new CatalogueError(issues);
  const { version, generated } = header.data;
  return generated === undefined ? { version, zones } : { version, generated, zones };
}
