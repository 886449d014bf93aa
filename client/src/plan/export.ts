import type { FlightPlanInput, Provision, Report } from '@sua-sandbox/rules/model';
import { type MessageKey, t, worded } from '../i18n/index.js';
import { citationText } from '../ui/citation.js';
import { heightsText, legsText } from '../ui/finding.js';
import { quantity } from '../ui/format.js';
import { citationHtml, escHtml } from './citation-html.js';

const esc = escHtml;
const citationLink = (p: Provision) => citationHtml(p.url, citationText(p));

export function download(filename: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function reportJson(plan: FlightPlanInput, report: Report): string {
  return JSON.stringify({ plan, report }, null, 2);
}

/** A self-contained, print-friendly HTML report in the current language. */
export function reportHtml(plan: FlightPlanInput, report: Report): string {
  const rows = report.findings
    .map(
      (f, i) => `<tr><td>${i + 1}</td><td>${esc(t(`finding.effect.${f.effect}` as MessageKey))}</td>
<td>${esc(worded(f, f.message))}</td><td>${f.where ? `${esc(legsText(f))}<br><small>${esc(heightsText(f))}</small>` : '—'}</td>
<td>${esc(quantity(f.measured))} / ${esc(quantity(f.limit))}</td>
<td>${citationLink(f.provision)}${f.provision.secondary ? ' *' : ''}<br><small>${esc(f.ruleId)}</small></td></tr>`,
    )
    .join('\n');
  const wps = plan.route.coordinates
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td>${c[0].toFixed(5)}</td><td>${c[1].toFixed(5)}</td><td>${c[2]} m ${plan.route.altitudeRef}</td></tr>`,
    )
    .join('\n');
  const perms = report.permissionsRequired
    .map((p) => `<li>${esc(p.trigger)}: ${esc(worded(p, p.message))} (${citationLink(p.provision)})</li>`)
    .join('');
  return `<!doctype html><html lang="${t('app.title') === 'SUA Sandbox' ? 'en' : 'zh-Hant-HK'}"><head><meta charset="utf-8">
<title>${esc(t('plan.result'))}: ${esc(plan.name ?? '')}</title>
<style>body{font:13px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #bbb;padding:4px;text-align:left;vertical-align:top}.v{font-size:20px;font-weight:bold}
@media print{a{color:inherit}}</style></head><body>
<h1>${esc(t('app.title'))}: ${esc(t('plan.result'))}</h1>
<p class="v">${esc(t('plan.verdict'))}: ${esc(t(`verdict.${report.verdict}` as MessageKey))}</p>
<p>${esc(t('plan.category'))}: ${esc(report.category)} · ${esc(t('plan.column'))}: ${esc(report.column ?? '—')} ·
${esc(t('plan.operation'))}: ${esc(t(`op.${report.operation}` as MessageKey))} · ${esc(t('plan.rulebook'))}: ${esc(report.rulebook.title)} (${esc(report.rulebook.version)})</p>
<p>${esc(t('plan.start'))}: ${esc(plan.start)}</p>
<h2>${esc(t('plan.findings'))}</h2>
${report.findings.length ? `<table><tr><th>#</th><th></th><th></th><th>${esc(t('plan.wp'))}</th><th>${esc(t('finding.measured'))} / ${esc(t('finding.limit'))}</th><th></th></tr>${rows}</table>` : `<p>${esc(t('plan.noFindings'))}</p>`}
${perms ? `<h2>${esc(t('plan.permissionsRequired'))}</h2><ul>${perms}</ul>` : ''}
<h2>${esc(t('plan.waypoints'))}</h2><table><tr><th>#</th><th>${esc(t('plan.lon'))}</th><th>${esc(t('plan.lat'))}</th><th>${esc(t('plan.alt'))}</th></tr>${wps}</table>
${report.assumptions.length ? `<h2>${esc(t('plan.assumptions'))}</h2><ul>${report.assumptions.map((a) => `<li>${esc(worded(a, a))}</li>`).join('')}</ul>` : ''}
<p><small>* ${esc(t('finding.secondary'))}</small></p>
</body></html>`;
}
