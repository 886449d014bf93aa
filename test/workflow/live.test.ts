import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { FlightPlan, Permission } from '../../rules/src/model/index.js';
import type { TickBatch } from '../../rules/src/protocol/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import type { LoggedEvent } from '../../server/src/realtime/event-log.js';
import { SessionManager } from '../../server/src/realtime/sessions.js';
import { envelope, highPlan } from './fixtures.js';

const catalogue = loadCatalogue();
const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
const rulebooks = loadBuiltinRulebooks();
const permission = Permission.parse(envelope('p-live'));
const plan = FlightPlan.parse({ ...highPlan(), id: 'high', permissions: ['p-live'] });

/** A live session flying the high plan under `p-live`, with what it sends recorded. */
async function liveSession() {
  const events: LoggedEvent[] = [];
  const ticks: TickBatch[] = [];
  const sessions = new SessionManager(
    {
      rulebooks: () => rulebooks,
      airspace,
      permissions: () => [permission],
      scenarios: () => [],
      defaultScenarioId: null,
    },
    () => ({ tick: (b) => ticks.push(b), event: (e) => events.push(e), snapshot: () => {} }),
  );
  const session = await sessions.create({ plans: [plan], autoplay: true, speed: 1 });
  return { sessions, session, events, ticks };
}

type Opened = Extract<LoggedEvent, { event: 'finding:opened' }>;
/** Height findings (the `height` trigger is what p-live covers) opened for the aircraft. */
const heightOpened = (events: readonly LoggedEvent[]) =>
  events.filter((e): e is Opened => e.event === 'finding:opened' && e.payload.finding.trigger === 'height');

describe('a suspended or revoked permission reaches running live sessions', () => {
  it('an aircraft flying under it gets the finding at once, and loses it again on resume', async () => {
    const { sessions, session, events } = await liveSession();
    // 60 simulated seconds: the aircraft has climbed above the standard height, covered by p-live
    for (let i = 0; i < 60; i++) sessions.pulse(1000);
    expect(session.openFindings().some((f) => f.finding.trigger === 'height')).toBe(false);
    expect(heightOpened(events)).toEqual([]);

    const tickBefore = session.tick;
    sessions.setPermissions([permission], new Set(['p-live']));
    // opened before the next tick is sent, stamped with the next tick's number
    const opened = heightOpened(events);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((e) => e.payload.flightId.startsWith('high') && e.payload.tick === tickBefore + 1)).toBe(true);
    expect(session.openFindings().some((f) => f.finding.trigger === 'height')).toBe(true);

    // it stays open while the aircraft flies on without the permission
    sessions.pulse(1000);
    expect(session.openFindings().some((f) => f.finding.trigger === 'height')).toBe(true);

    sessions.setPermissions([permission], new Set());
    for (let i = 0; i < 10; i++) sessions.pulse(1000);
    expect(session.openFindings().some((f) => f.finding.trigger === 'height')).toBe(false);
    sessions.close(session.id, 'test over');
  });

  it('a session started after the withdrawal judges the flight without the permission from the start', async () => {
    const events: LoggedEvent[] = [];
    const sessions = new SessionManager(
      {
        rulebooks: () => rulebooks,
        airspace,
        permissions: () => [permission],
        withdrawnPermissions: () => new Set(['p-live']),
        scenarios: () => [],
        defaultScenarioId: null,
      },
      () => ({ tick: () => {}, event: (e) => events.push(e), snapshot: () => {} }),
    );
    const session = await sessions.create({ plans: [plan], autoplay: true, speed: 1 });
    for (let i = 0; i < 60; i++) sessions.pulse(1000);
    expect(heightOpened(events).length).toBeGreaterThan(0);
    sessions.close(session.id, 'test over');
  });
});
