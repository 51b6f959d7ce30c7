import { describe, expect, it } from 'vitest';
import {
  listRows,
  type GroupingContext,
} from '../../../renderer/features/incidents/incident-groups.js';
import { incident } from './fixtures.js';

const am = (
  id: string,
  labels: Record<string, string>,
  status: 'triggered' | 'acknowledged' = 'triggered',
) => incident({ externalId: id, sourceId: 'am', labels, status, service: labels.job });
const db1 = am('db1', { alertname: 'DiskFull', job: 'node', instance: 'db-1' });
const db2 = am('db2', { alertname: 'DiskFull', job: 'node', instance: 'db-2' });
const cpu = am('cpu', { alertname: 'HighCPU', job: 'api', instance: 'api-1' }, 'acknowledged');
const drill = incident({ externalId: 'drill', labels: { alertname: 'DiskFull' } });

const context = (overrides: Partial<GroupingContext> = {}): GroupingContext => ({
  groupBy: 'none',
  siblingLabel: (id) => (id === 'am' ? 'alertname' : undefined),
  sourceName: (id) => (id === 'am' ? 'Prod AM' : 'Drill'),
  expanded: new Set(),
  ...overrides,
});

describe('the list rows', () => {
  it('group by status, service, alertname or source, with status counts and the keys to ack', () => {
    const rows = listRows(
      [db1, db2, drill, cpu],
      context({ groupBy: 'source', expanded: new Set(['x']) }),
    );
    const headers = rows.filter((r) => r.kind === 'header');
    expect(headers.map((h) => [h.label, h.counts])).toEqual([
      ['Prod AM', { triggered: 2, acknowledged: 1 }],
      ['Drill', { triggered: 1, acknowledged: 0 }],
    ]);
    expect(headers[0]!.kind === 'header' && headers[0]!.triggeredKeys).toEqual([
      'am:db1',
      'am:db2',
    ]);
    expect(
      listRows([db1, cpu, drill], context({ groupBy: 'service' }))
        .filter((r) => r.kind === 'header')
        .map((r) => r.kind === 'header' && r.label),
    ).toEqual(['node', 'api', 'No service']);
    expect(listRows([db1, cpu], context({ groupBy: 'status' })).map((r) => r.id)).toEqual([
      'group:Triggered',
      'am:db1',
      'group:Acknowledged',
      'am:cpu',
    ]);
  });

  it('collapse Alertmanager siblings under their first alert, shared labels once', () => {
    const rows = listRows([db1, drill, db2, cpu], context());
    expect(rows.map((r) => r.id)).toEqual(['am:db1', 'drill:drill', 'am:cpu']);
    const lead = rows[0]!;
    expect(lead.kind === 'incident' && lead.siblings).toMatchObject({
      size: 2,
      isLead: true,
      expanded: false,
      shared: { alertname: 'DiskFull', job: 'node' },
      distinct: { instance: 'db-1' },
      keys: ['am:db1', 'am:db2'],
    });
    // Only alerts of a source that has sibling rules are siblings; a lone alert is a plain row.
    expect(rows[1]!.kind === 'incident' && rows[1]!.siblings).toBeUndefined();
    expect(rows[2]!.kind === 'incident' && rows[2]!.siblings).toBeUndefined();
  });

  it('show every sibling of an expanded set together, each with the labels that tell it apart', () => {
    const setId = (listRows([db1, db2], context())[0] as { siblings: { setId: string } }).siblings
      .setId;
    const rows = listRows([db1, drill, db2], context({ expanded: new Set([setId]) }));
    expect(rows.map((r) => r.id)).toEqual(['am:db1', 'am:db2', 'drill:drill']);
    expect(rows[1]!.kind === 'incident' && rows[1]!.siblings?.distinct).toEqual({
      instance: 'db-2',
    });
  });

  it("collapse by Alertmanager's own groups where it has them, across alertnames", () => {
    const byCluster = { id: '["sre",[["cluster","eu-1"]]]', labels: { cluster: 'eu-1' } };
    const inGroup = (alert: typeof db1, group = byCluster) => ({ ...alert, group });
    const eu1 = am('eu1', { alertname: 'HighCPU', job: 'api', cluster: 'eu-1' });
    const eu2 = am('eu2', { alertname: 'DiskFull', job: 'api', cluster: 'eu-1' });
    const otherGroup = { id: '["sre",[["cluster","us-1"]]]', labels: { cluster: 'us-1' } };
    const us1 = am('us1', { alertname: 'DiskFull', job: 'api', cluster: 'us-1' });
    const rows = listRows([inGroup(eu1), inGroup(us1, otherGroup), inGroup(eu2)], context());
    expect(rows.map((r) => r.id)).toEqual(['am:eu1', 'am:us1']);
    expect(rows[0]!.kind === 'incident' && rows[0]!.siblings).toMatchObject({
      size: 2,
      shared: { job: 'api', cluster: 'eu-1' },
      distinct: { alertname: 'HighCPU' },
      keys: ['am:eu1', 'am:eu2'],
    });
    // Two alerts of one rule in different groups stay apart, as Alertmanager routes them.
    expect(rows[1]!.kind === 'incident' && rows[1]!.siblings).toBeUndefined();
  });
});
