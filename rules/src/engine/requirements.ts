import type { RequirementsRegister, Rulebook } from '../model/index.js';
import type { Issue } from './issues.js';

type Implementer = { kind: 'rule' | 'category'; id: string; requirement: string | undefined; at: (string | number)[] };

function implementers(rb: Rulebook): Implementer[] {
  return [
    ...rb.rules.map(
      (r, i): Implementer => ({
        kind: 'rule',
        id: r.id,
        requirement: r.requirement,
        at: [rb.id, 'rules', i, 'requirement'],
      }),
    ),
    ...rb.classification.categories.map(
      (c, i): Implementer => ({
        kind: 'category',
        id: c.id,
        requirement: c.requirement,
        at: [rb.id, 'classification', 'categories', i, 'requirement'],
      }),
    ),
  ];
}

/**
 * Cross-check a requirements register and the rulebooks that implement it, both ways: every rule and
 * category names a requirement that exists and lists it back (no missing or dangling id), and every rule
 * or category a requirement lists names that requirement in some rulebook (no unused id). Issue paths
 * start with the rulebook id, or with "requirements" for the register.
 */
export function checkRequirements(register: RequirementsRegister, rulebooks: readonly Rulebook[]): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(register.requirements.map((r) => [r.id, r]));
  const used = new Set<string>();
  for (const rb of rulebooks)
    for (const imp of implementers(rb)) {
      const what = `${imp.kind} "${imp.id}"`;
      if (imp.requirement === undefined) {
        issues.push({ path: imp.at, message: `${what} names no requirement` });
        continue;
      }
      const req = byId.get(imp.requirement);
      if (!req) {
        issues.push({ path: imp.at, message: `${what} names "${imp.requirement}", which is not in the register` });
        continue;
      }
      const listed = imp.kind === 'rule' ? req.rules : req.categories;
      if (!listed.includes(imp.id))
        issues.push({ path: imp.at, message: `requirement "${req.id}" does not list ${what}` });
      used.add(`${req.id} ${imp.kind} ${imp.id}`);
    }
  register.requirements.forEach((req, j) => {
    const unused = (kind: Implementer['kind'], field: 'rules' | 'categories') =>
      req[field].forEach((id, k) => {
        if (!used.has(`${req.id} ${kind} ${id}`))
          issues.push({
            path: ['requirements', j, field, k],
            message: `requirement "${req.id}" lists ${kind} "${id}", but no rulebook's ${kind} "${id}" names it`,
          });
      });
    unused('rule', 'rules');
    unused('category', 'categories');
  });
  return issues;
}
