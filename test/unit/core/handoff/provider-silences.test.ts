import { describe, expect, it } from 'vitest';
import { readProviderSilences } from '../../../../electron/core/handoff/provider-silences.js';
import type { ProviderSilence } from '../../../../electron/core/sources/source.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../support/fake-clock.js';

const silence: ProviderSilence = {
  id: 's1',
  matchers: 'alertname="Disk"',
  createdBy: 'ops',
  comment: 'maintenance',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T12:00:00.000Z',
};
const config = (id: string, kind: 'alertmanager' | 'pagerduty' | 'opsgenie' | 'drill') => ({
  id,
  name: `${kind} ${id}`,
  kind,
  timeoutSeconds: 5,
});

describe('readProviderSilences', () => {
  it('reads the sources that keep silences and names those that cannot tell, or failed', async () => {
    const clock = new FakeClock();
    const result = await readProviderSilences(
      [
        { config: config('am', 'alertmanager'), source: { fetchSilences: async () => [silence] } },
        {
          config: config('am2', 'alertmanager'),
          source: {
            fetchSilences: async () => {
              throw new SourceError('unreachable', 'connection refused');
            },
          },
        },
        { config: config('pd', 'pagerduty'), source: {} },
        { config: config('og', 'opsgenie'), source: {} },
        { config: config('drill', 'drill'), source: {} },
      ],
      clock,
    );
    expect(result.read).toEqual([
      { sourceId: 'am', sourceName: 'alertmanager am', silences: [silence] },
    ]);
    expect(result.unknown).toEqual([
      'Silences and maintenance windows made outside Onwatch cannot be read from opsgenie og, pagerduty pd: only snoozes and silences made from Onwatch are listed for them.',
      'The silences of alertmanager am2 (connection refused) could not be read: only those made from Onwatch are listed.',
    ]);
  });

  it('gives up on a source that does not answer within its timeout', async () => {
    const clock = new FakeClock();
    const reading = readProviderSilences(
      [
        {
          config: config('am', 'alertmanager'),
          source: { fetchSilences: () => new Promise<ProviderSilence[]>(() => {}) },
        },
      ],
      clock,
    );
    await clock.advance(5000);
    const result = await reading;
    expect(result.read).toEqual([]);
    expect(result.unknown[0]).toMatch(/^The silences of alertmanager am \(no answer within 5 s/);
  });
});
