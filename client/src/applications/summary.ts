import type { ApplicationContent } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { hkTime, quantity } from '../ui/format.js';

const row = (key: string, label: string, value: string) => [h('dt', {}, label), h('dd', { 'data-field': key }, value)];

/**
 * What is asked for, as the reviewer reads it: operator and relaxations, the aircraft (model, mass,
 * registration), the remote pilot and the responsible person, the operation (purpose, VLOS or BVLOS) and the
 * requested windows in Hong Kong time.
 */
export function contentSummary(content: ApplicationContent): HTMLElement {
  const plan = content.plans[0];
  const none = t('apps.sum.none');
  const aircraft = content.aircraft.map((a) =>
    [a.model ?? none, quantity(a.mass), a.registration ?? t('apps.sum.unregistered')].join(' · '),
  );
  const pilot = plan
    ? `${plan.pilot.name || none}${plan.pilot.advancedRating ? ` (${t('apps.sum.advanced')})` : ''}`
    : (content.crew.find((c) => c.role === 'remote-pilot')?.name ?? none);
  const responsible = plan?.responsiblePerson.name || none;
  const operation = plan
    ? `${plan.operation.purpose} · ${plan.operation.vlos ? t('apps.sum.vlos') : t('apps.sum.bvlos')}`
    : none;
  const at = (iso: string | undefined) => (iso ? hkTime(Date.parse(iso)) : '…');
  const windows = content.windows.map((w) => `${at(w.from)} – ${at(w.to)}`);
  return h(
    'dl',
    { class: 'kv app-summary small', 'data-testid': 'app-summary' },
    row('operator', t('apps.field.operator'), `${content.operator} · ${content.relaxations.join(', ')}`),
    row('aircraft', t('section.aircraft'), aircraft.join('; ')),
    row('pilot', t('section.pilot'), pilot),
    row('responsible', t('section.responsiblePerson'), responsible),
    row('operation', t('section.operation'), operation),
    row('windows', t('apps.sum.windows'), windows.join('; ')),
  );
}
