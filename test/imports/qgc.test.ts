import { describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { expectImportError, expectValidRoute, hasWarning, sampleText } from './helpers.js';

type Json = Record<string, unknown>;
type Item = { command: number; params: unknown[]; Altitude?: number; AltitudeMode?: number; [k: string]: unknown };

const SQUARE = sampleText('qgc/simple_square.plan');
const TERRAIN = sampleText('qgc/TerrainTest-ArduCopter.plan');
const PX4 = sampleText('qgc/PX4SITL-PX4-MultiRotor.plan');

/** A deep copy of a real plan, changed by `edit`, back as text. */
function mutate(text: string, edit: (plan: Json & { mission: Json & { items: Item[] } }) => void): string {
  const plan = JSON.parse(text);
  edit(plan);
  return JSON.stringify(plan);
}

function items(text: string): Item[] {
  return JSON.parse(text).mission.items;
}

describe('QGC simple_square.plan (all relative to launch)', () => {
  const imported = expectValidRoute(importRoute(SQUARE, 'qgc'));

  it('keeps every positional item, in order, as [lon, lat, alt]', () => {
    const source = items(SQUARE);
    expect(imported.route.coordinates).toEqual(source.map((i) => [i.params[5], i.params[4], i.params[6]]));
  });

  it('reads relative-to-launch heights as AGL and says it assumed launch at ground level', () => {
    expect(imported.route.altitudeRef).toBe('AGL');
    expect(imported.route.coordinates.every((c) => c[2] === 20)).toBe(true);
    expect(hasWarning(imported, /ground level/)).toBe(true);
  });

  it('flies a multirotor plan at hoverSpeed and returns the planned home', () => {
    expect(imported.route.legSpeeds).toEqual(new Array(4).fill({ value: 5, unit: 'm/s' }));
    expect(imported.home).toEqual({ lat: 47.397742, lon: 8.545594, altAmslM: 488 });
    expect(imported.route.hoverS).toBeUndefined();
    expect(imported.fence).toBeUndefined();
  });
});

describe('QGC PX4SITL-PX4-MultiRotor.plan (mixed modes, AMSL item)', () => {
  const imported = expectValidRoute(importRoute(PX4, 'qgc'));
  const source = items(PX4);
  const positional = source.filter((i) => ![178, 195].includes(i.command));

  it('reports the home at 488.056 m AMSL and converts the whole route to AMSL', () => {
    expect(imported.home?.altAmslM).toBe(488.056);
    expect(imported.route.altitudeRef).toBe('AMSL');
    expect(imported.route.coordinates).toHaveLength(positional.length);
  });

  it('keeps the AltitudeMode 2 item at 638.056 m AMSL and adds the home altitude to relative ones', () => {
    const amslIndex = positional.findIndex((i) => i.AltitudeMode === 2);
    expect(imported.route.coordinates[amslIndex][2]).toBe(638.056);
    positional.forEach((item, k) => {
      if (item.AltitudeMode === 1)
        expect(imported.route.coordinates[k][2]).toBeCloseTo(488.056 + (item.Altitude ?? 0), 9);
    });
    expect(imported.route.coordinates.at(-1)?.[2]).toBeCloseTo(488.056, 9);
    expect(hasWarning(imported, /converted to AMSL by adding the planned home altitude 488\.056/)).toBe(true);
  });

  it('uses Altitude (above terrain) for AltitudeMode 3 items whose params[6] is null, with a warning', () => {
    positional.forEach((item, k) => {
      if (item.AltitudeMode === 3) {
        expect(item.params[6]).toBeNull();
        expect(imported.route.coordinates[k][2]).toBeCloseTo(488.056 + (item.Altitude ?? 0), 9);
      }
    });
    expect(hasWarning(imported, /terrain-following .*mission\.items\[5\].*level ground/)).toBe(true);
  });

  it('applies DO_CHANGE_SPEED to the legs after it, NAV_LOITER_TIME as hover, and names the ignored ROI item', () => {
    expect(imported.route.legSpeeds?.map((s) => s.value)).toEqual([5, 10, 10, 10, 10, 10, 10, 10]);
    const loiter = positional.findIndex((i) => i.command === 19);
    expect(imported.route.hoverS?.[loiter]).toBe(30);
    expect(imported.route.hoverS?.filter((h) => h > 0)).toHaveLength(1);
    expect(hasWarning(imported, /non-positional items ignored: mission\.items\[4\] \(command 195/)).toBe(true);
  });
});

describe('QGC TerrainTest-ArduCopter.plan (AltitudeMode 1, 2, 3 and 4 in one plan)', () => {
  const imported = expectValidRoute(importRoute(TERRAIN, 'qgc'));
  const home = 9.26;

  it('brings every mode to AMSL because one item is AMSL', () => {
    expect(imported.route.altitudeRef).toBe('AMSL');
    const alts = imported.route.coordinates.map((c) => c[2]);
    // takeoff 30 rel, wp 60 rel, 159.26 AMSL, 80 above terrain (mode 3), loiter 100 rel,
    // 50 terrain frame (mode 4), spline 70 rel, wp 15 rel, land 0 rel
    const expected = [30 + home, 60 + home, 159.26, 80 + home, 100 + home, 50 + home, 70 + home, 15 + home, home];
    expect(alts).toHaveLength(expected.length);
    for (const [i, a] of alts.entries()) expect(a).toBeCloseTo(expected[i], 9);
  });

  it('treats the spline waypoint (82) as a waypoint and ignores DO_SET_ROI (201)', () => {
    const spline = items(TERRAIN).find((i) => i.command === 82);
    expect(imported.route.coordinates).toContainEqual([spline?.params[5], spline?.params[4], 70 + home]);
    expect(hasWarning(imported, /mission\.items\[4\] \(command 201, camera target\)/)).toBe(true);
  });

  it('without its AMSL item the same plan is AGL: relative and terrain heights kept as they are', () => {
    const text = mutate(TERRAIN, (p) => {
      p.mission.items.splice(3, 1);
    });
    const agl = expectValidRoute(importRoute(text, 'qgc'));
    expect(agl.route.altitudeRef).toBe('AGL');
    expect(agl.route.coordinates.map((c) => c[2])).toEqual([30, 60, 80, 100, 50, 70, 15, 0]);
    expect(hasWarning(agl, /ground level/)).toBe(true);
    expect(hasWarning(agl, /terrain-following .* read as AGL/)).toBe(true);
  });
});

describe('QGC items beyond the samples', () => {
  it('RTL returns to home at the previous altitude and lands there', () => {
    const text = mutate(SQUARE, (p) => {
      p.mission.items.push({ command: 20, params: [0, 0, 0, 0, 0, 0, 0], type: 'SimpleItem', frame: 2 } as Item);
    });
    const r = expectValidRoute(importRoute(text, 'qgc'));
    expect(r.route.coordinates.slice(-2)).toEqual([
      [8.545594, 47.397742, 20],
      [8.545594, 47.397742, 0],
    ]);
  });

  it('uses the generated items of a survey ComplexItem and skips one without', () => {
    const text = mutate(SQUARE, (p) => {
      const sub = (lat: number, lon: number) => ({
        type: 'SimpleItem',
        command: 16,
        frame: 3,
        params: [0, 0, 0, null, lat, lon, 40],
      });
      p.mission.items.splice(2, 0, {
        type: 'ComplexItem',
        complexItemType: 'survey',
        TransectStyleComplexItem: {
          Items: [sub(47.3985, 8.5455), { ...sub(0, 0), command: 206 }, sub(47.3986, 8.5456)],
        },
      } as unknown as Item);
      p.mission.items.push({ type: 'ComplexItem', complexItemType: 'StructureScan' } as unknown as Item);
    });
    const r = expectValidRoute(importRoute(text, 'qgc'));
    expect(r.route.coordinates).toHaveLength(7);
    expect(r.route.coordinates[2]).toEqual([8.5455, 47.3985, 40]);
    expect(hasWarning(r, /mission\.items\[2\]: complex item "survey" imported from its 3 generated/)).toBe(true);
    expect(
      hasWarning(r, /mission\.items\[6\]: complex item "StructureScan" has no generated mission items; skipped/),
    ).toBe(true);
  });

  it('returns geofence polygons and circles as [lon, lat] for display, skipping malformed ones', () => {
    const text = mutate(SQUARE, (p) => {
      (p.geoFence as Json).polygons = [
        {
          inclusion: true,
          polygon: [
            [47.39, 8.54],
            [47.4, 8.54],
            [47.4, 8.55],
          ],
          version: 1,
        },
      ];
      (p.geoFence as Json).circles = [
        { inclusion: false, circle: { center: [47.398, 8.545], radius: 50 }, version: 1 },
        { inclusion: false, circle: { center: [47.398], radius: -1 } },
      ];
    });
    const r = expectValidRoute(importRoute(text, 'qgc'));
    expect(r.fence?.polygons[0]).toEqual({
      inclusion: true,
      ring: [
        [8.54, 47.39],
        [8.54, 47.4],
        [8.55, 47.4],
        [8.54, 47.39],
      ],
    });
    expect(r.fence?.circles).toEqual([{ inclusion: false, center: [8.545, 47.398], radiusM: 50 }]);
    expect(hasWarning(r, /geoFence\.circles\[1\].*skipped/)).toBe(true);
  });

  it('puts a takeoff without a position at the planned home, with a warning', () => {
    const text = mutate(SQUARE, (p) => {
      p.mission.items[0].params[4] = null;
      p.mission.items[0].params[5] = null;
    });
    const r = expectValidRoute(importRoute(text, 'qgc'));
    expect(r.route.coordinates[0]).toEqual([8.545594, 47.397742, 20]);
    expect(hasWarning(r, /mission\.items\[0\]: takeoff has no position/)).toBe(true);
  });

  it('falls back to defaultSpeed when the plan has no speed, and says so', () => {
    const text = mutate(SQUARE, (p) => {
      delete p.mission.hoverSpeed;
    });
    expectImportError(() => importRoute(text, 'qgc'), {
      item: 'mission',
      field: 'hoverSpeed',
      message: /defaultSpeed/,
    });
    const r = importRoute(text, 'qgc', { defaultSpeed: { value: 12, unit: 'km/h' } });
    expect(r.route.legSpeeds?.every((s) => s.value === 12 && s.unit === 'km/h')).toBe(true);
    expect(hasWarning(r, /default 12 km\/h/)).toBe(true);
  });
});

describe('QGC malformed variants name the item and field', () => {
  it('truncated JSON', () => {
    expectImportError(() => importRoute(PX4.slice(0, PX4.length / 2), 'qgc'), {
      format: 'qgc',
      item: '(document)',
      message: /not valid JSON/,
    });
  });

  it('JSON that is not a plan', () => {
    expectImportError(
      () =>
        importRoute(
          mutate(SQUARE, (p) => {
            p.fileType = 'Mission';
          }),
          'qgc',
        ),
      {
        item: '(document)',
        field: 'fileType',
      },
    );
    expectImportError(() => importRoute('[1, 2]', 'qgc'), { item: '(document)', message: /not a JSON object/ });
  });

  it('an item without params', () => {
    const text = mutate(PX4, (p) => {
      delete (p.mission.items[3] as Json).params;
    });
    expectImportError(() => importRoute(text, 'qgc'), { item: 'mission.items[3]', field: 'params' });
  });

  it('an altitude that is missing and cannot be derived', () => {
    const text = mutate(SQUARE, (p) => {
      p.mission.items[3].params[6] = null;
      delete p.mission.items[3].Altitude;
    });
    expectImportError(() => importRoute(text, 'qgc'), {
      item: 'mission.items[3]',
      field: 'params[6]',
      message: /mission\.items\[3\]\.params\[6\]: altitude missing/,
    });
  });

  it('a latitude out of range or not a number', () => {
    const bad = mutate(SQUARE, (p) => {
      p.mission.items[2].params[4] = 95;
    });
    expectImportError(() => importRoute(bad, 'qgc'), {
      item: 'mission.items[2]',
      field: 'params[4]',
      message: /out of range/,
    });
    const text = mutate(SQUARE, (p) => {
      p.mission.items[1].params[4] = 'north';
    });
    expectImportError(() => importRoute(text, 'qgc'), { item: 'mission.items[1]', field: 'params[4]' });
  });

  it('an unknown AltitudeMode and a non-numeric speed change', () => {
    const mode = mutate(SQUARE, (p) => {
      p.mission.items[1].AltitudeMode = 7;
    });
    expectImportError(() => importRoute(mode, 'qgc'), { item: 'mission.items[1]', field: 'AltitudeMode' });
    const speed = mutate(TERRAIN, (p) => {
      p.mission.items[2].params[1] = 'fast';
    });
    expectImportError(() => importRoute(speed, 'qgc'), { item: 'mission.items[2]', field: 'params[1]' });
  });

  it('a plan with no positional items', () => {
    const text = mutate(TERRAIN, (p) => {
      p.mission.items = p.mission.items.filter((i) => i.command === 178 || i.command === 201);
    });
    expectImportError(() => importRoute(text, 'qgc'), {
      item: 'mission',
      field: 'items',
      message: /no positional items/,
    });
  });

  it('a mixed plan without a home altitude to convert with', () => {
    const text = mutate(PX4, (p) => {
      delete p.mission.plannedHomePosition;
    });
    expectImportError(() => importRoute(text, 'qgc'), { item: 'mission', field: 'plannedHomePosition[2]' });
  });
});
