import { describe, expect, it } from 'vitest';
import {
  matchesQuery,
  parseQuery,
  queryWithout,
} from '../../../renderer/features/incidents/incident-query.js';
import { incident } from './fixtures.js';

const disk = incident({
  externalId: 'disk',
  title: 'Disk 95% full on db-1',
  service: 'postgres',
  number: '#1042',
  labels: { alertname: 'DiskFull', instance: 'db-1:9100', job: 'node', severity: 'critical' },
  annotations: { description: 'The WAL volume is nearly out of space' },
});
const cpu = incident({
  externalId: 'cpu',
  title: 'CPU hot on api-gateway-3',
  service: 'api-gateway',
  labels: { alertname: 'HighCPU', instance: 'api-gateway-3:9100', job: 'api-gateway' },
});

const find = (query: string) => {
  const { terms, errors } = parseQuery(query);
  return {
    keys: [disk, cpu].filter((i) => matchesQuery(i, terms)).map((i) => i.externalId),
    errors,
  };
};

describe('the search query', () => {
  it('matches free words case-insensitively in title, service, number, labels and annotations', () => {
    expect(find('DISK').keys).toEqual(['disk']);
    expect(find('api-gateway').keys).toEqual(['cpu']);
    expect(find('1042').keys).toEqual(['disk']);
    expect(find('wal volume').keys).toEqual(['disk']);
    expect(find('severity').keys).toEqual(['disk']);
    expect(find('9100').keys).toEqual(['disk', 'cpu']);
  });

  it('ANDs its terms', () => {
    expect(find('9100 postgres').keys).toEqual(['disk']);
    expect(find('9100 nothing-like-this').keys).toEqual([]);
  });

  it('reads label matchers as Alertmanager does, regexes anchored', () => {
    expect(find('alertname=DiskFull').keys).toEqual(['disk']);
    expect(find('alertname!=DiskFull').keys).toEqual(['cpu']);
    expect(find('job=~api.*').keys).toEqual(['cpu']);
    // Anchored: "api" alone does not match "api-gateway".
    expect(find('job=~api').keys).toEqual([]);
    expect(find('instance!~db-.*').keys).toEqual(['cpu']);
    // A missing label is empty: severity!=critical keeps the alert without one.
    expect(find('severity!=critical').keys).toEqual(['cpu']);
  });

  it('reads a matcher list pasted from Alertmanager, quoted values included', () => {
    expect(find('{alertname="HighCPU", job=~"api-.*"}').keys).toEqual(['cpu']);
    expect(find('title="CPU hot"').errors).toEqual([]);
    expect(parseQuery('summary="disk full now"').terms).toEqual([
      {
        kind: 'label',
        raw: 'summary="disk full now"',
        name: 'summary',
        op: '=',
        value: 'disk full now',
      },
    ]);
  });

  it('says which regex is broken and still applies the other terms', () => {
    const result = find('job=~( postgres');
    expect(result.errors).toEqual(['“job=~(” is not a valid regular expression, so it is ignored']);
    expect(result.keys).toEqual(['disk']);
  });

  it('removes one term for a chip', () => {
    expect(queryWithout('disk  job=~api.* node', 'job=~api.*')).toBe('disk node');
  });

  it('sees a changed incident afresh (the search text cache is per object)', () => {
    const { terms } = parseQuery('renamed');
    expect(matchesQuery(disk, terms)).toBe(false);
    expect(matchesQuery({ ...disk, title: 'renamed' }, terms)).toBe(true);
  });
});
