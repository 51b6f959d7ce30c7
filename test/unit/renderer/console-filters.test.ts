import { describe, expect, it } from 'vitest';
import {
  defaultFilters,
  filterChips,
  filterIncidents,
  readStoredFilters,
  toggled,
} from '../../../renderer/features/incidents/console-filters.js';
import { incident } from './fixtures.js';

const mine = incident({ externalId: 'mine', assignedToMe: true, service: 'api' });
const theirs = incident({ externalId: 'theirs', urgency: 'low', sourceId: 'pd', service: 'web' });
const acked = incident({ externalId: 'acked', status: 'acknowledged', assignedToMe: true });
const all = [mine, theirs, acked];
const keys = (filters: Partial<typeof defaultFilters>) =>
  filterIncidents(all, { ...defaultFilters, ...filters }).incidents.map((i) => i.externalId);

describe('the console filters', () => {
  it('show everything by default', () => {
    expect(keys({})).toEqual(['mine', 'theirs', 'acked']);
  });

  it('keep only my pages, a status, an urgency, a source or a service', () => {
    expect(keys({ scope: 'mine' })).toEqual(['mine', 'acked']);
    expect(keys({ statuses: ['acknowledged'] })).toEqual(['acked']);
    expect(keys({ urgencies: ['low'] })).toEqual(['theirs']);
    expect(keys({ sources: ['pd'] })).toEqual(['theirs']);
    expect(keys({ services: ['api', 'web'] })).toEqual(['mine', 'theirs']);
    expect(keys({ scope: 'mine', query: 'acked' })).toEqual(['acked']);
  });

  it('show every active filter as a chip that removes just that filter', () => {
    const filters = {
      ...defaultFilters,
      scope: 'mine' as const,
      sources: ['pd'],
      query: 'disk job=api',
    };
    const chips = filterChips(filters, (id) => (id === 'pd' ? 'PagerDuty' : id));
    expect(chips.map((c) => c.label)).toEqual([
      'Mine only',
      'Source: PagerDuty',
      '“disk”',
      'job=api',
    ]);
    expect(chips[0]!.without.scope).toBe('all');
    expect(chips[1]!.without.sources).toEqual([]);
    expect(chips[3]!.without.query).toBe('disk');
  });

  it('read back what was stored, and fall back field by field on anything unreadable', () => {
    const stored = JSON.stringify({ ...defaultFilters, scope: 'mine', groupBy: 'service' });
    expect(readStoredFilters(stored)).toEqual({
      ...defaultFilters,
      scope: 'mine',
      groupBy: 'service',
    });
    expect(readStoredFilters('{not json')).toEqual(defaultFilters);
    expect(readStoredFilters(null)).toEqual(defaultFilters);
    expect(
      readStoredFilters(JSON.stringify({ scope: 'everyone', groupBy: 'service', statuses: 'x' })),
    ).toEqual({ ...defaultFilters, groupBy: 'service' });
  });

  it('toggle one value of a multi-choice filter', () => {
    expect(toggled(['high'], 'low')).toEqual(['high', 'low']);
    expect(toggled(['high', 'low'], 'high')).toEqual(['low']);
  });
});
