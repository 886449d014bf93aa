import { describe, expect, it } from 'vitest';
import { VertiportSlots } from '../../rules/src/traffic/vertiport.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createParams } from './helpers.js';

function createSlots(id: string): VertiportSlots {
  const v = loadRouteNetwork().vertiports.find((p) => p.id === id);
  if (!v) throw new Error(`no vertiport ${id}`);
  return new VertiportSlots(v, createParams().provision);
}

const at = (hkt: string) => Date.parse(`2026-03-16T${hkt}+08:00`);

describe('vertiport slots (sandbox trial rule, not law)', () => {
  it('a slot clash at a one-pad hospital vertiport is refused with the next free slot', () => {
    const slots = createSlots('VP-CCH'); // capacity 1, 300 s slots
    const first = slots.request({ intentId: 'sf-1', movement: 'arrival', atMs: at('10:18:00') });
    expect(first).toMatchObject({ ok: true, slot: { startMs: at('10:15:00'), endMs: at('10:20:00') } });
    const second = slots.request({ intentId: 'island-1', movement: 'arrival', atMs: at('10:19:30') });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.nextFreeStartMs).toBe(at('10:20:00'));
    expect(second.finding).toMatchObject({
      code: 'traffic.vertiport.slot-clash',
      trialParameter: true,
      params: { vertiportId: 'VP-CCH', heldBy: 'sf-1', capacity: 1, nextFree: '2026-03-16T02:20:00.000Z' },
    });
    expect(second.finding.provision.instrument).toMatch(/not law/);
    expect(slots.request({ intentId: 'island-1', movement: 'arrival', atMs: at('10:20:00') }).ok).toBe(true);
  });

  it('a request already held is granted again; release frees the slot', () => {
    const slots = createSlots('VP-CCH');
    const req = { intentId: 'sf-1', movement: 'departure' as const, atMs: at('11:00:00') };
    expect(slots.request(req).ok).toBe(true);
    expect(slots.request(req).ok).toBe(true);
    expect(slots.slotsAt(req.atMs)).toHaveLength(1);
    expect(slots.release('sf-1')).toBe(1);
    expect(slots.request({ ...req, intentId: 'other' }).ok).toBe(true);
  });

  it('capacity counts arrivals and departures together', () => {
    const slots = createSlots('VP-CYB'); // capacity 2
    expect(slots.request({ intentId: 'a', movement: 'departure', atMs: at('09:00:10') }).ok).toBe(true);
    expect(slots.request({ intentId: 'b', movement: 'arrival', atMs: at('09:01:00') }).ok).toBe(true);
    const third = slots.request({ intentId: 'c', movement: 'departure', atMs: at('09:04:59') });
    expect(third).toMatchObject({ ok: false, finding: { code: 'traffic.vertiport.slot-clash' } });
  });

  it('closed outside its hours, and the next free slot is the opening', () => {
    const slots = createSlots('VP-CCH'); // 07:00–20:00
    const r = slots.request({ intentId: 'late', movement: 'arrival', atMs: at('21:00:00') });
    expect(r).toMatchObject({ ok: false, finding: { code: 'traffic.vertiport.closed' } });
    if (!r.ok) expect(r.nextFreeStartMs).toBe(Date.parse('2026-03-17T07:00:00+08:00'));
  });
});
