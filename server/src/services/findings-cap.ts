import type { Finding, Report } from '@sua-sandbox/rules/model';

/** Lower ranks are kept first when a report is capped. */
function rank(f: Finding): number {
  if (f.covered) return 3;
  return f.effect === 'prohibited' ? 0 : f.effect === 'requires-permission' ? 1 : 2;
}

/**
 * Caps a report's findings at `max`, keeping the most severe in their original order and saying so in
 * `truncated`; the verdict and permissionsRequired were computed over all findings and stay as they are.
 */
export function capFindings(report: Report, max: number): Report {
  const total = report.findings.length;
  if (total <= max) return report;
  const order = report.findings.map((f, i) => ({ i, r: rank(f) }));
  order.sort((a, b) => a.r - b.r || a.i - b.i);
  const keep = order
    .slice(0, max)
    .map((o) => o.i)
    .sort((a, b) => a - b);
  return { ...report, findings: keep.map((i) => report.findings[i]), truncated: { total, kept: max } };
}
