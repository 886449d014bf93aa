import type {
  ApplicationContent,
  FlightPlan,
  PermissionArea,
  PermissionInput,
  PermissionTrigger,
} from '@sua-sandbox/rules/model';

/** What the regulator sets when approving: the altitude band and the corridor around the plan's route. */
export interface EnvelopeConditions {
  lowerM: number;
  upperM: number;
  halfWidthM: number;
}

export type LngLat = [number, number];

/** The envelope's ground shape as the regulator edits it: a corridor's centre line, or an area's open ring. */
export type EnvelopeShape = { type: 'corridor'; line: LngLat[] } | { type: 'area'; ring: LngLat[] };

/** The approval being prepared: the conditions and the shape, for one application. */
export interface EnvelopeDraft extends EnvelopeConditions {
  applicationId: string;
  shape: EnvelopeShape;
}

/** A band that fits the plan: from the ground to its highest waypoint plus a margin, a 200 m corridor. */
export function defaultConditions(plan: FlightPlan | undefined): EnvelopeConditions {
  const top = Math.max(0, ...(plan?.route.coordinates.map((c) => c[2] ?? 0) ?? [0]));
  return { lowerM: 0, upperM: Math.ceil((top + 30) / 10) * 10, halfWidthM: 200 };
}

/** The plan's route on the ground, as a corridor's centre line. */
export function routeLine(plan: FlightPlan | undefined): LngLat[] {
  return (plan?.route.coordinates ?? []).map((c): LngLat => [c[0], c[1]]);
}

/** A first draft: the corridor along the plan's route with the default band (or the current permission's band). */
export function defaultDraft(
  applicationId: string,
  plan: FlightPlan | undefined,
  current?: Pick<PermissionInput, 'altitudeBand'>,
): EnvelopeDraft {
  const d = defaultConditions(plan);
  const band = current
    ? { lowerM: current.altitudeBand.lower.value, upperM: current.altitudeBand.upper.value }
    : { lowerM: d.lowerM, upperM: d.upperM };
  return { applicationId, ...band, halfWidthM: d.halfWidthM, shape: { type: 'corridor', line: routeLine(plan) } };
}

/** Metres per degree of latitude (spherical Earth), to pad a box around the route by a distance. */
const M_PER_DEG = 111_320;

/** A rectangle around the line, padded by `padM`: the starting area when the regulator switches to an area. */
export function boxAround(line: readonly LngLat[], padM: number): LngLat[] {
  if (line.length === 0) return [];
  const lons = line.map((p) => p[0]);
  const lats = line.map((p) => p[1]);
  const dLat = padM / M_PER_DEG;
  const dLon = padM / (M_PER_DEG * Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const [w, e] = [round(Math.min(...lons) - dLon), round(Math.max(...lons) + dLon)];
  const [s, n] = [round(Math.min(...lats) - dLat), round(Math.max(...lats) + dLat)];
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
  ];
}

/** What keeps a draft from becoming a permission, by field (the page words it in the UI language). */
export type DraftIssue = 'lower' | 'upper' | 'half-width' | 'corridor-points' | 'area-points';

/** The first field that keeps the draft from being approved, or null when it can become a permission. */
export function draftIssue(d: EnvelopeConditions & { shape: EnvelopeShape }): DraftIssue | null {
  if (!Number.isFinite(d.lowerM) || d.lowerM < 0) return 'lower';
  if (!Number.isFinite(d.upperM) || d.upperM <= d.lowerM) return 'upper';
  if (d.shape.type === 'corridor') {
    if (!Number.isFinite(d.halfWidthM) || d.halfWidthM <= 0) return 'half-width';
    return d.shape.line.length < 2 ? 'corridor-points' : null;
  }
  const distinct = new Set(d.shape.ring.map((p) => p.join(','))).size;
  return distinct < 3 ? 'area-points' : null;
}

/** The permission's area: the corridor, or the drawn polygon with its ring closed. */
export function envelopeArea(d: EnvelopeConditions & { shape: EnvelopeShape }): PermissionArea {
  if (d.shape.type === 'corridor') return { type: 'Corridor', line: d.shape.line, halfWidthM: d.halfWidthM };
  const ring = d.shape.ring;
  const first = ring[0];
  const last = ring.at(-1);
  const closed = first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
  return { type: 'Polygon', coordinates: [closed] };
}

/** Scenario of the application → the permission's scenario wording. */
const SCENARIO: Record<ApplicationContent['scenario'], NonNullable<PermissionInput['scenario']>> = {
  'emergency-rescue': 'rescue',
  delivery: 'delivery',
  'inspection-maintenance': 'inspection',
  surveillance: 'surveillance',
  'low-altitude-infrastructure': 'infrastructure',
};

/**
 * The Permission an approval creates: the regulator's shape (a corridor along the plan unless edited or drawn),
 * the regulator's altitude band (in the plan's altitude reference), the requested windows, covering the
 * requested relaxations.
 */
export function buildEnvelope(
  applicationId: string,
  content: ApplicationContent,
  draft: EnvelopeConditions & { shape?: EnvelopeShape },
): PermissionInput {
  const plan = content.plans[0];
  const ref = plan?.route.altitudeRef ?? 'AGL';
  const shape = draft.shape ?? { type: 'corridor', line: routeLine(plan) };
  const maxMassKg = Math.max(...content.aircraft.map((a) => massKg(a.mass)));
  const covers: PermissionTrigger[] = content.relaxations;
  return {
    id: `perm-${applicationId}`,
    kind: 'sandbox-project',
    title: { en: content.title, zh: content.title },
    holder: content.operator,
    scenario: SCENARIO[content.scenario],
    area: envelopeArea({ ...draft, shape }),
    altitudeBand: {
      lower: { value: draft.lowerM, unit: 'm', ref },
      upper: { value: draft.upperM, unit: 'm', ref },
    },
    validity: content.windows,
    aircraft: { maxMass: { value: Math.ceil(maxMassKg * 10) / 10, unit: 'kg' } },
    covers,
    legalBasis: {
      instrument: 'Cap. 448G',
      instrumentZh: '《小型無人機令》（第448G章）',
      section: null,
      document: 'CAD sandbox permission',
      documentZh: '民航處沙盒許可',
      url: 'https://www.cad.gov.hk/',
      secondary: true,
    },
    provenance: { accuracy: 'user', source: `sandbox application ${applicationId}` },
  };
}

function massKg(m: { value: number; unit: 'g' | 'kg' }): number {
  return m.unit === 'g' ? m.value / 1000 : m.value;
}
