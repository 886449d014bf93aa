import type { LocalizedText } from '../../model/text.js';
import type { Timing } from '../../model/time.js';
import type { ZoneClass, ZoneEffect } from '../../model/zone.js';
import { classFromReasons, effectFromRestriction } from './codes.js';
import { Ed318Authority, Ed318Properties, Ed318TimePeriod } from './ed318-schema.js';
import { parseAt, type ReadContext, warn } from './errors.js';
import { hasEndDate, timingsFromPeriods } from './schedule.js';
import { pickLocalized } from './text.js';

/** The non-geometric part of an ED-318 zone, mapped to our model. */
export interface Ed318PropertiesMapped {
  identifier: string;
  country: string;
  name: LocalizedText;
  effect: ZoneEffect;
  reasons: string[];
  /** One Timing per distinct daily schedule (undefined = always active). */
  timings: (Timing | undefined)[];
  designatedBy?: string;
  description?: LocalizedText;
  siteURL?: string;
}

function describe(p: Ed318Properties, ctx: ReadContext): LocalizedText | undefined {
  const message = pickLocalized(p.message, ctx, 'properties.message');
  const listed = p.restrictionConditions;
  const cond = (typeof listed === 'string' ? listed : listed?.join('; '))?.trim();
  if (!cond) return message ?? undefined;
  const join = (a: string | undefined, b: string) => (a ? `${a} ${b}` : b);
  return { en: join(message?.en, `Conditions: ${cond}`), zh: join(message?.zh, `條件：${cond}`) };
}

/** Maps already-parsed ED-318 properties (fields are named under `properties.`). */
export function mapEd318Properties(p: Ed318Properties, ctx: ReadContext): Ed318PropertiesMapped {
  if (p.country.length !== 3) warn(ctx, `properties.country: "${p.country}" is not an ISO 3166-1 alpha-3 code`);
  if (p.type === 'REQ_AUTHORISATION') warn(ctx, 'properties.type: ED-269 spelling REQ_AUTHORISATION accepted');
  const effect = effectFromRestriction(p.type, ctx, 'properties.type');
  const timings = timingsFromPeriods(
    p.limitedApplicability?.map((t) => ({ ...t, daily: t.schedule })),
    ctx,
    { list: 'properties.limitedApplicability', daily: 'schedule' },
  );
  let name = pickLocalized(p.name, ctx, 'properties.name');
  if (!name) {
    warn(ctx, 'properties.name: missing; using the identifier');
    name = { en: p.identifier, zh: p.identifier };
  }
  const description = describe(p, ctx);
  const authority = p.zoneAuthority[0];
  // The authority name is informative; its missing Chinese text is not worth a warning.
  const designatedBy = pickLocalized(authority.name, { feature: null, warnings: [] }, '')?.en;
  return {
    identifier: p.identifier,
    country: p.country,
    name,
    effect,
    reasons: p.reason ?? [],
    timings,
    ...(designatedBy ? { designatedBy } : {}),
    ...(description ? { description } : {}),
    ...(authority.siteURL ? { siteURL: authority.siteURL } : {}),
  };
}

/** Sub-parser: an ED-318 `properties` object on its own (e.g. PartialExample_GeoZoneProperties). */
export function parseEd318Properties(raw: unknown): Ed318PropertiesMapped & { class: ZoneClass; warnings: string[] } {
  const ctx: ReadContext = { feature: null, warnings: [] };
  const mapped = mapEd318Properties(parseAt(Ed318Properties, raw, ctx, 'properties'), ctx);
  const zoneClass = classFromReasons(
    mapped.reasons,
    mapped.effect,
    hasEndDate(mapped.timings[0]),
    ctx,
    'properties.reason',
  );
  return { ...mapped, class: zoneClass, warnings: ctx.warnings };
}

/** Sub-parser: one ED-318 `timePeriod` (an entry of `limitedApplicability`). */
export function parseEd318TimePeriod(raw: unknown): { timing: Timing | undefined; warnings: string[] } {
  const ctx: ReadContext = { feature: null, warnings: [] };
  const t = parseAt(Ed318TimePeriod, raw, ctx, 'timePeriod');
  const [timing] = timingsFromPeriods([{ ...t, daily: t.schedule }], ctx, { list: 'timePeriod', daily: 'schedule' });
  return { timing, warnings: ctx.warnings };
}

/** Sub-parser: one ED-318 zone authority → who designated the zone and in which role. */
export function parseEd318Authority(raw: unknown): {
  name: LocalizedText | null;
  purpose: string;
  siteURL?: string;
  email?: string;
  warnings: string[];
} {
  const ctx: ReadContext = { feature: null, warnings: [] };
  const a = parseAt(Ed318Authority.required({ purpose: true }), raw, ctx, 'zoneAuthority');
  const name = pickLocalized(a.name, ctx, 'zoneAuthority.name');
  return {
    name,
    purpose: a.purpose,
    ...(a.siteURL ? { siteURL: a.siteURL } : {}),
    ...(a.email ? { email: a.email } : {}),
    warnings: ctx.warnings,
  };
}
