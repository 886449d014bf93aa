import type { FlightPlanInput, Report } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { routeMapSvg } from '../report/map-image.js';
import { reportFileName } from '../report/names.js';
import { type PrintExtras, printableReport } from '../report/printable.js';
import { effectLabel } from '../ui/zone-popup.js';

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

/** The altitude profile as the page drew it (the plan checker's chart), for the printed report. */
function drawnProfile(): { svg: string; caption: string } {
  const chart = document.querySelector('[data-testid=profile] svg.profile-chart');
  const caption = document.querySelector('[data-testid=profile-caption]')?.textContent ?? '';
  return { svg: chart ? new XMLSerializer().serializeToString(chart) : '', caption };
}

/** A self-contained, print-friendly HTML report in the current language, with a map and the altitude profile. */
export function reportHtml(
  plan: FlightPlanInput,
  report: Report,
  zones: readonly ZoneInfo[] = [],
  application?: PrintExtras['application'],
): string {
  const name = plan.name?.trim() || plan.id || t('report.unnamed');
  const mapSvg = routeMapSvg({
    route: plan.route.coordinates,
    zones,
    findings: report.findings,
    title: t('report.mapTitle', { name }),
    labels: {
      route: t('report.route'),
      finding: t('report.findingMark'),
      effect: effectLabel,
      scale: (km) => t('report.scale', { km }),
    },
  });
  // the plan checker's drawn profile is of the plan open there: an application's report never borrows it
  const profile = application ? { svg: '', caption: '' } : drawnProfile();
  return printableReport(plan, report, {
    mapSvg,
    profileSvg: profile.svg,
    profileCaption: profile.caption,
    generatedAtMs: Date.now(),
    ...(application && { application }),
  });
}

/** Download the report as JSON, named after the plan and the rulebook. */
export function exportReportJson(plan: FlightPlanInput, report: Report): void {
  download(reportFileName(plan, report, 'json'), 'application/json', reportJson(plan, report));
}

/** Download the printable report, named after the plan and the rulebook. */
export function exportReportHtml(
  plan: FlightPlanInput,
  report: Report,
  zones: readonly ZoneInfo[] = [],
  application?: PrintExtras['application'],
): void {
  download(reportFileName(plan, report, 'html'), 'text/html', reportHtml(plan, report, zones, application));
}
