import type { Finding, FlightPlanInput, Provision, Report } from '@sua-sandbox/rules/model';
import { rulebookTitle } from '../app/lists.js';
import { lang, type MessageKey, t, worded } from '../i18n/index.js';
import { citationHtml, escHtml as esc } from '../plan/citation-html.js';
import { citationText } from '../ui/citation.js';
import { heightsText, legsText } from '../ui/finding.js';
import { num, quantity } from '../ui/format.js';
import { hkDateTime, hkInstant } from './names.js';

/** What the page adds to the plan and its report: drawings made in the browser and the time of printing. */
export interface PrintExtras {
  /** SVG markup of the route map (report/map-image.ts), or '' */
  mapSvg: string;
  /** SVG markup of the plan checker's altitude profile, or '' when it was not drawn */
  profileSvg: string;
  /** the profile's caption (what the ground is taken from) */
  profileCaption: string;
  generatedAtMs: number;
  /**
   * The sandbox application the report belongs to (printed from the Applications view): its title, id, state and
   * permission, said at the top. Such a report has no altitude profile section: the plan checker draws that.
   */
  application?: { id: string; title: string; state: string; permission?: string };
}

const cite = (p: Provision) => citationHtml(p.url, citationText(p));
const yesNo = (v: boolean | undefined) => (v === undefined ? '' : t(v ? 'common.yes' : 'common.no'));
const row = (label: string, value: string) =>
  value ? `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>` : '';

/** The three kinds of finding, worst first: each group is a table of its own. */
const EFFECT_ORDER = ['prohibited', 'requires-permission', 'advisory'] as const;

function findingRows(findings: readonly { f: Finding; n: number }[]): string {
  return findings
    .map(({ f, n }) => {
      const where = f.where
        ? `${esc(legsText(f))}<br><small>${esc(heightsText(f))}</small>`
        : esc(t('report.wholePlan'));
      const measured = f.measured
        ? `${esc(quantity(f.measured))}${f.limit ? `<br><small>${esc(t('report.limitIs', { limit: quantity(f.limit) }))}</small>` : ''}`
        : f.limit
          ? esc(t('report.limitIs', { limit: quantity(f.limit) }))
          : esc(t('report.notMeasured'));
      const covered = f.covered ? `<br><small>${esc(t('report.covered'))}</small>` : '';
      return `<tr data-rule="${esc(f.ruleId)}"><td>F${n}</td><td>${esc(worded(f, f.message))}${covered}</td><td>${where}</td><td>${measured}</td>
<td>${cite(f.provision)}${f.provision.secondary ? ' *' : ''}<br><small class="muted">${esc(t('report.rule'))} ${esc(f.ruleId)}</small></td></tr>`;
    })
    .join('\n');
}

function findingsSection(report: Report): string {
  if (report.findings.length === 0) return `<p>${esc(t('plan.noFindings'))}</p>`;
  const numbered = report.findings.map((f, i) => ({ f, n: i + 1 }));
  const head = `<thead><tr><th scope="col">${esc(t('report.no'))}</th><th scope="col">${esc(t('report.finding'))}</th><th scope="col">${esc(t('report.where'))}</th><th scope="col">${esc(t('report.measured'))}</th><th scope="col">${esc(t('report.legalBasis'))}</th></tr></thead>`;
  return EFFECT_ORDER.map((effect) => {
    const group = numbered.filter(({ f }) => f.effect === effect);
    if (group.length === 0) return '';
    return `<h3 class="effect-${effect}">${esc(t(`finding.effect.${effect}` as MessageKey))} (${group.length})</h3>
<table class="findings" data-effect="${effect}">${head}<tbody>${findingRows(group)}</tbody></table>`;
  }).join('\n');
}

function crewSection(plan: FlightPlanInput): string {
  const a = plan.aircraft;
  const eq = a.equipment;
  const equipment = (['flightLog', 'geoAwareness', 'failSafe', 'remoteId'] as const)
    .filter((k) => eq?.[k])
    .map((k) => t(`field.${k}` as MessageKey))
    .join(', ');
  const p = plan.pilot;
  const r = plan.responsiblePerson;
  const o = plan.operation;
  const table = (title: string, rows: string) => `<table class="facts"><caption>${esc(title)}</caption>${rows}</table>`;
  return `<div class="cols">
${table(
  t('section.aircraft'),
  row(t('field.model'), a.model ?? '') +
    row(t('field.mass'), `${a.mass.value} ${a.mass.unit}`) +
    row(t('field.maxDimensionM'), String(a.maxDimensionM)) +
    row(t('field.registration'), a.registration ?? t('field.none')) +
    row(t('field.labelled'), yesNo(a.labelled)) +
    row(t('field.equipment'), equipment || t('field.none')),
)}
${table(
  t('section.pilot'),
  row(t('field.name'), p.name ?? '') +
    row(t('field.age'), String(p.age)) +
    row(t('field.registered'), yesNo(p.registered)) +
    row(t('field.advancedRating'), yesNo(p.advancedRating)),
)}
${table(
  t('section.responsiblePerson'),
  row(t('field.name'), r.name ?? '') +
    row(t('field.age'), String(r.age)) +
    row(t('field.registered'), yesNo(r.registered)) +
    row(t('field.insurance'), r.insurance ? `${num(r.insurance.value, 0)} ${r.insurance.unit}` : t('field.none')),
)}
${table(
  t('section.operation'),
  row(t('field.purpose'), o.purpose) +
    row(t('field.vlos'), yesNo(o.vlos)) +
    row(t('field.aircraftPerPilot'), String(o.aircraftPerPilot)) +
    row(t('field.whollyInEnclosedArea'), yesNo(o.whollyInEnclosedArea)) +
    row(t('field.minDistanceFromUninvolvedM'), String(o.minDistanceFromUninvolvedM)),
)}
</div>`;
}

const STYLE = `body{font:13px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:60em}
h1{font-size:22px;margin:0 0 .2em}h2{font-size:17px;margin:1.4em 0 .4em;border-bottom:1px solid #ccc}h3{font-size:14px;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}td,th{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}
th[scope=row]{width:40%;font-weight:600;background:#f8f9fa}caption{text-align:left;font-weight:700;padding:.2em 0}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5em;align-items:start}.verdict{font-size:20px;font-weight:700}
.verdict-compliant{color:#2b8a3e}.verdict-permission-required{color:#c2410c}.verdict-non-compliant,.verdict-not-flyable{color:#c92a2a}
table.findings{table-layout:fixed}.findings th:nth-child(1){width:3em}.findings th:nth-child(2){width:38%}.findings th:nth-child(3){width:20%}.findings th:nth-child(4){width:14%}
.effect-prohibited{color:#c92a2a}.effect-requires-permission{color:#c2410c}.muted{color:#555}
figure{margin:0}figure svg{max-width:100%;height:auto;border:1px solid #ccc}.map-image-legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;font-size:12px}
.profile-chart{width:100%;max-width:640px;height:auto;border:1px solid #ccc}.profile-ground{fill:none;stroke:#8a5a2b;stroke-width:1.5}
.profile-ground-fill{fill:#d8c3a5;opacity:.6}.profile-route{fill:none;stroke:#1f5fbf;stroke-width:2}
.profile-limit{fill:none;stroke:#c0392b;stroke-width:1.2;stroke-dasharray:5 3}.profile-zone{fill:none;stroke:#7d3c98;stroke-width:1;stroke-dasharray:2 2}
.profile-label,.profile-axis{font-size:9px;fill:#333}.disclaimer{border:1px solid #999;padding:.6em .8em;background:#f8f9fa;margin-top:2em}
@media print{body{margin:0}a{color:inherit}h2{break-after:avoid}table,figure{break-inside:avoid}}`;

/** A self-contained, print-friendly HTML report of a checked plan, in the current language. */
/** The application a report was printed for: title, id, state and, once approved, its permission. */
function applicationSection(a: NonNullable<PrintExtras['application']>): string {
  return `<h2>${esc(t('report.application'))}</h2><table class="facts" data-testid="report-application">${row(t('report.applicationTitle'), a.title)}${row(t('report.applicationId'), a.id)}${row(t('report.applicationState'), a.state)}${a.permission ? row(t('report.applicationPermission'), a.permission) : ''}</table>\n`;
}

export function printableReport(plan: FlightPlanInput, report: Report, x: PrintExtras): string {
  const name = plan.name?.trim() || plan.id || t('report.unnamed');
  const rb = report.rulebook;
  const operator = plan.responsiblePerson.name ?? '';
  const summary =
    row(t('report.plan'), name) +
    (plan.id && plan.id !== name ? row(t('report.planId'), plan.id) : '') +
    row(t('report.operator'), operator) +
    row(t('report.takeOff'), hkInstant(String(plan.start))) +
    row(t('plan.rulebook'), `${rulebookTitle(rb)} (${t('report.version', { v: rb.version })})`) +
    row(t('plan.category'), report.category) +
    (report.column ? row(t('plan.column'), report.column) : '') +
    row(t('plan.operation'), t(`op.${report.operation}` as MessageKey));
  const perms = report.permissionsRequired
    .map((p) => `<li><strong>${esc(p.trigger)}</strong>: ${esc(worded(p, p.message))} (${cite(p.provision)})</li>`)
    .join('');
  const wps = plan.route.coordinates
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td>${c[0].toFixed(5)}</td><td>${c[1].toFixed(5)}</td><td>${c[2]} m ${plan.route.altitudeRef}</td></tr>`,
    )
    .join('\n');
  const secondary = report.findings.some((f) => f.provision.secondary);
  return `<!doctype html><html lang="${lang() === 'zh' ? 'zh-Hant-HK' : 'en'}"><head><meta charset="utf-8">
<title>${esc(t('report.title'))}: ${esc(name)}</title><style>${STYLE}</style></head><body>
<header><p class="muted">${esc(t('app.title'))} · ${esc(t('report.title'))}</p><h1 data-testid="report-plan">${esc(name)}</h1>
<p class="muted" data-testid="report-generated">${esc(t('report.generated', { time: hkDateTime(x.generatedAtMs) }))}</p></header>
<p><span class="verdict verdict-${esc(report.verdict)}" data-testid="report-verdict">${esc(t('plan.verdict'))}: ${esc(t(`verdict.${report.verdict}` as MessageKey))}</span></p>
${x.application ? applicationSection(x.application) : ''}<h2>${esc(t('report.summary'))}</h2><table class="facts">${summary}</table>
<h2>${esc(t('report.aircraftCrew'))}</h2>${crewSection(plan)}
<h2>${esc(t('report.map'))}</h2>${x.mapSvg || `<p>${esc(t('report.noMap'))}</p>`}
${x.application && !x.profileSvg ? '' : `<h2>${esc(t('plan.profile.title'))}</h2>${x.profileSvg ? `<figure class="profile">${x.profileSvg}<figcaption class="muted">${esc(x.profileCaption)}</figcaption></figure>` : `<p>${esc(t('report.noProfile'))}</p>`}`}
<h2>${esc(t('plan.findings'))} (${report.findings.length})</h2>${findingsSection(report)}
${perms ? `<h2>${esc(t('plan.permissionsRequired'))}</h2><ul>${perms}</ul>` : ''}
<h2>${esc(t('plan.waypoints'))}</h2><table><thead><tr><th scope="col">${esc(t('report.no'))}</th><th scope="col">${esc(t('plan.lon'))}</th><th scope="col">${esc(t('plan.lat'))}</th><th scope="col">${esc(t('plan.alt'))}</th></tr></thead><tbody>${wps}</tbody></table>
<h2>${esc(t('plan.assumptions'))}</h2>${report.assumptions.length ? `<ul>${report.assumptions.map((a) => `<li>${esc(worded(a, a))}</li>`).join('')}</ul>` : `<p>${esc(t('common.none'))}</p>`}
${secondary ? `<p><small>* ${esc(t('finding.secondary'))}</small></p>` : ''}
<p class="disclaimer" data-testid="report-disclaimer"><strong>${esc(t('report.disclaimerTitle'))}</strong> ${esc(t('report.disclaimer'))}</p>
</body></html>`;
}
