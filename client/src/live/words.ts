import { type Catalogue, catalogues, type Locale, renderMessage } from '@sua-sandbox/rules/messages';
import type { Finding } from '@sua-sandbox/rules/model';
import type { AircraftInfo, LiveFinding } from '@sua-sandbox/rules/protocol';
import { lang, t } from '../i18n/index.js';
import { liveStatus, type Status } from './status.js';

/** The live map speaks to people watching: zone names without their catalogue ids in brackets. */
function withoutZoneIds(c: Readonly<Record<string, string>>): Catalogue {
  const out: Record<string, string> = {};
  for (const [code, template] of Object.entries(c)) out[code] = template.replace(/ ?[(（]\{zoneId\}[)）]/g, '');
  return out;
}

const PERSON_CATALOGUES: Record<Locale, Catalogue> = {
  en: withoutZoneIds(catalogues.en),
  'zh-Hant': withoutZoneIds(catalogues['zh-Hant']),
};

/** An aircraft's name in the current language: the scenario's Chinese label in 繁中 when it gives one. */
export function aircraftName(info: Pick<AircraftInfo, 'label' | 'labelZh'> | undefined, id: string): string {
  if (!info) return id;
  return lang() === 'zh' && info.labelZh ? info.labelZh : info.label;
}

/** An aircraft's model in the current language: the scenario's Chinese description in 繁中 when it gives one. */
export function aircraftModel(info: Pick<AircraftInfo, 'model' | 'modelZh'>): string | undefined {
  return lang() === 'zh' && info.modelZh ? info.modelZh : info.model;
}

/**
 * A finding in words a person uses: another aircraft by its label ("Separation with TST hobbyist"), a zone
 * by its name; the params are the engine's, only the ids are swapped for what is on the map.
 */
export function liveMessage(f: Finding, labelOf: (aircraftId: string) => string): string {
  const params = { ...f.params };
  if (typeof params.other === 'string') params.other = labelOf(params.other);
  const locale: Locale = lang() === 'zh' ? 'zh-Hant' : 'en';
  return renderMessage(f.code, params, locale, PERSON_CATALOGUES[locale]);
}

/** The badge of a live finding: violation, needs permission (held, naming it), or advisory. */
export function liveState(f: LiveFinding): { status: Status; label: string } {
  const status = liveStatus(f.finding);
  if (status === 'permission' && f.finding.covered)
    return { status, label: t('live.state.permissionHeld', { id: f.finding.covered.permissionId }) };
  if (status === 'violation' && f.finding.effect === 'requires-permission')
    return { status, label: t('live.state.noPermission') };
  return { status, label: t(`status.${status}`) };
}
