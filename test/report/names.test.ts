import { describe, expect, it } from 'vitest';
import { hkDateTime, hkInstant, reportFileName } from '../../client/src/report/names.js';
import type { FlightPlanInput, Report } from '../../rules/src/model/index.js';

const report = { rulebook: { id: 'cap448g-2025', title: 'x', version: '2025.1' } } as Report;
const plan = (name?: string, id?: string) => ({ name, id }) as FlightPlanInput;

describe('report file names and Hong Kong times', () => {
  it('names a download from the plan and the rulebook, cutting a long name at a word', () => {
    expect(
      reportFileName(
        plan('Mini drone at Tung Chung town centre (inside the HKIA restricted flying zone)'),
        report,
        'html',
      ),
    ).toBe('mini-drone-at-tung-chung-town-centre-inside-the-hkia_cap448g-2025-v2025.1.html');
    expect(reportFileName(plan(undefined, 'e2e-a2-110m'), report, 'json')).toBe(
      'e2e-a2-110m_cap448g-2025-v2025.1.json',
    );
    // a name in Chinese only: the id, else a generic word; never an empty file name
    expect(reportFileName(plan('大埔航拍', 'tai-po'), report, 'html')).toBe('tai-po_cap448g-2025-v2025.1.html');
    expect(reportFileName(plan('大埔航拍'), report, 'html')).toBe('flight-plan_cap448g-2025-v2025.1.html');
  });

  it('writes times as dd/mm/yyyy HH:mm HKT whatever the offset given', () => {
    expect(hkDateTime(Date.parse('2026-12-06T00:45:00Z'))).toBe('06/12/2026 08:45 HKT');
    expect(hkInstant('2026-03-14T15:00:00+08:00')).toBe('14/03/2026 15:00 HKT');
    expect(hkInstant('2026-03-14T07:00:00Z')).toBe('14/03/2026 15:00 HKT');
    expect(hkInstant('soon')).toBe('soon');
  });
});
