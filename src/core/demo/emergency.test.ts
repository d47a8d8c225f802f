import { describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../kernel/plain-date.js';
import { checkCapacity } from '../temporary-housing/placement-rules.js';
import { generateEmergencyDemo, type EmergencyDemoInput } from './emergency.js';

const today = '2026-11-26' as PlainDate;
const input: EmergencyDemoInput = {
  seed: 7,
  today,
  at: '2026-11-26T08:00:00.000Z',
  partners: [
    { id: 'p1', name: 'Uno' },
    { id: 'p2', name: 'Due' },
    { id: 'p3', name: 'Tre' },
  ],
  households: Array.from({ length: 40 }, (_, i) => ({
    id: `h${i}`,
    comuneId: 'c1',
    address: `Via ${i}`,
    sharedWith: i < 10 ? ['p1'] : [],
    members:
      i % 2 === 0
        ? [
            { birthDate: '1985-01-01' as PlainDate, sex: 'F' as const, name: 'A' },
            { birthDate: '2015-01-01' as PlainDate, sex: 'M' as const, name: 'B' },
          ]
        : [
            { birthDate: '1980-01-01' as PlainDate, sex: 'M' as const, name: 'C' },
            { birthDate: '1982-01-01' as PlainDate, sex: 'F' as const, name: 'D' },
          ],
  })),
  socialWorkerId: 'sw',
  managerId: 'mg',
  partnerUserId: 'pu',
  leadComuneId: 'c1',
};

describe('emergency demo data (synthetic, deterministic)', () => {
  const demo = generateEmergencyDemo(input);
  it('is the same for the same seed', () => {
    expect(generateEmergencyDemo(input)).toEqual(demo);
  });
  it('has the seed’s 5 units run by 3 partners, and the 2012–2017 table', () => {
    expect(demo.units).toHaveLength(5);
    expect(new Set(demo.units.map((u) => u.partner_id)).size).toBe(3);
    expect(demo.history.map((h) => h.year)).toEqual([2012, 2013, 2014, 2015, 2016, 2017]);
  });
  it('has evictions at many stages, some with a release within 30 days', () => {
    const statuses = new Set(demo.evictions.map((e) => e.status));
    expect(statuses.size).toBeGreaterThanOrEqual(7);
    expect(
      demo.evictions.some((e) => e.planned_release_on !== null && e.planned_release_on <= addDays(today, 30)),
    ).toBe(true);
  });
  it('places only households that fit, within each unit’s capacity, the partner’s own stays in files shared with it', () => {
    expect(demo.placements.length).toBeGreaterThanOrEqual(5);
    expect(demo.placements.some((p) => p.exited_on !== null)).toBe(true);
    for (const p of demo.placements) expect(Number(p.household_id.slice(1)) % 2).toBe(0);
    for (const u of demo.units) {
      const stays = demo.placements.filter((p) => p.unit_id === u.id);
      for (const s of stays) {
        const others = stays
          .filter((o) => o !== s)
          .map((o) => ({
            id: o.id,
            placesUsed: o.places_used,
            startsOn: o.starts_on,
            plannedEndOn: o.planned_end_on,
            exitedOn: o.exited_on,
          }));
        expect(
          checkCapacity(
            { capacityPlaces: u.capacity_places, code: u.code },
            others,
            { placesUsed: s.places_used, startsOn: s.starts_on, plannedEndOn: s.planned_end_on },
            today,
          ),
        ).toBeNull();
      }
    }
    const p1Units = new Set(demo.units.filter((u) => u.partner_id === 'p1').map((u) => u.id));
    for (const p of demo.placements.filter((x) => p1Units.has(x.unit_id)))
      expect(Number(p.household_id.slice(1))).toBeLessThan(10);
  });
});
