import type { AircraftState } from '@sua-sandbox/rules/protocol';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The layer's methods used here. The module is loaded by URL: it is browser code (the root tsconfig has no DOM
 * types), checked by `tsc -p client`, as test/contracts/client-call.test.ts loads the client's HTTP layer.
 */
interface Layer {
  update(changed: AircraftState[], removed: readonly string[], statusOf: (id: string) => string): void;
  setStatus(id: string, status: string): void;
  addFinding(id: string, at: [number, number], status: string, aircraftId: string): void;
  removeFinding(id: string): void;
}
let newLayer: (map: object) => Layer;
beforeAll(async () => {
  const mod: unknown = await import(new URL('../../client/src/map/aircraft.ts', import.meta.url).href);
  const AircraftLayer: unknown = Reflect.get(Object(mod), 'AircraftLayer');
  if (typeof AircraftLayer !== 'function') throw new Error('client/src/map/aircraft.ts exports no AircraftLayer');
  newLayer = (map) => Reflect.construct(AircraftLayer, [map]) as Layer;
});
type FrameCallback = (time: number) => void;

/** What the layer hands MapLibre, per source: every updateData diff, structured-cloned as the worker gets it later. */
function fakeMap() {
  const sent = new Map<string, GeoJSONSourceDiff[]>();
  const given = new Map<string, GeoJSONSourceDiff[]>();
  const source = (id: string) => ({
    setData: () => Promise.resolve(),
    updateData: (d: GeoJSONSourceDiff) => {
      // the diff as given (MapLibre keeps its geometries by reference) and as it was at the call
      given.set(id, [...(given.get(id) ?? []), d]);
      sent.set(id, [...(sent.get(id) ?? []), structuredClone(d)]);
      return Promise.resolve();
    },
  });
  const sources = new Map<string, ReturnType<typeof source>>();
  const map = {
    hasImage: () => true,
    addSource: (id: string) => sources.set(id, source(id)),
    addLayer: () => undefined,
    getSource: (id: string) => sources.get(id),
    setLayoutProperty: () => undefined,
    setFilter: () => undefined,
  };
  return { map, sent, given };
}

const state = (id: string, lon: number): AircraftState => ({
  id,
  lon,
  lat: 22.3,
  altAmslM: 60,
  aglM: 50,
  headingDeg: 90,
  groundSpeedMps: 10,
  verticalSpeedMps: 0,
  mode: 'cruise',
  flags: 0,
  pilotDistanceM: null,
});

/**
 * The live map's aircraft layer (client/src/map/aircraft.ts) against a recording stand-in for MapLibre: what it
 * sends per animation frame. The browser tests (test/e2e/live.test.ts, load.test.ts) check what gets drawn.
 */
describe('aircraft layer', () => {
  let frames: FrameCallback[] = [];
  const nextFrame = () => {
    const run = frames;
    frames = [];
    for (const f of run) f(0);
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameCallback) => frames.push(f));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  /** A layer with aircraft a and b drawn, and what it sends from then on. */
  const twoAircraftDrawn = () => {
    const { map, sent } = fakeMap();
    const layer = newLayer(map);
    layer.update([state('a', 114.1), state('b', 114.2)], [], () => 'ok');
    nextFrame();
    sent.clear();
    return { layer, sent };
  };

  it("sends a frame's moves, colours and markers as one update per source, and no unchanged colour", () => {
    const { layer, sent } = twoAircraftDrawn();

    layer.update([state('a', 114.11), state('b', 114.21)], [], () => 'ok');
    layer.setStatus('a', 'violation');
    layer.addFinding('f1', [114.11, 22.3], 'violation', 'a');
    layer.setStatus('b', 'ok'); // as drawn already
    expect(sent.size).toBe(0); // nothing before the frame
    nextFrame();
    expect(sent.get('ac')).toHaveLength(1);
    expect(sent.get('ac-findings')).toHaveLength(1);
    expect(sent.get('ac-trails')).toHaveLength(1);
    const moves = sent.get('ac')?.[0].update ?? [];
    expect(moves.map((u) => u.id)).toEqual(['a', 'b']);
    const a = moves[0];
    expect(a.newGeometry).toEqual({ type: 'Point', coordinates: [114.11, 22.3] });
    expect(a.addOrUpdateProperties).toEqual(expect.arrayContaining([{ key: 'status', value: 'violation' }]));
    expect(moves[1].addOrUpdateProperties?.some((p) => p.key === 'status')).toBe(false);
    // only a's colour changed on its trail
    expect(sent.get('ac-trails')?.[0].update?.map((u) => u.id)).toEqual(['a']);
    nextFrame();
    expect(sent.get('ac')).toHaveLength(1);
  });

  it('a marker opened and closed within a frame is never sent; a removed aircraft is not updated', () => {
    const { layer, sent } = twoAircraftDrawn();
    layer.addFinding('f1', [114.1, 22.3], 'advisory', 'a');
    layer.removeFinding('f1');
    layer.setStatus('b', 'advisory');
    layer.update([], ['b'], () => 'ok');
    nextFrame();
    expect(sent.get('ac-findings')).toEqual([{ remove: ['f1'] }]);
    expect(sent.get('ac')).toEqual([{ remove: ['b'] }]);
  });

  it('a trail handed to MapLibre keeps its points when later ticks extend the trail', () => {
    const { map, given, sent } = fakeMap();
    const layer = newLayer(map);
    // a trail point every third tick: 7 ticks send two trail updates
    for (let k = 0; k < 7; k++) {
      layer.update([state('a', 114.1 + k * 0.001)], [], () => 'ok');
      nextFrame();
    }
    const trails = given.get('ac-trails') ?? [];
    const lines = trails.flatMap((d) => d.update ?? []).map((u) => u.newGeometry);
    expect(lines).toHaveLength(2);
    // what MapLibre holds is what it was sent, not the layer's growing array
    const atCall = (sent.get('ac-trails') ?? []).flatMap((d) => d.update ?? []).map((u) => u.newGeometry);
    expect(lines).toEqual(atCall);
    expect(lines[0]).not.toEqual(lines[1]);
  });
});
