import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHandoffMarker, reportMarkerLine } from '../../electron/common/handoff-marker.js';
import { opsgenieSourceConfigSchema } from '../../electron/common/providers/opsgenie.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { OpsgenieSource } from '../../electron/core/sources/opsgenie/opsgenie-source.js';
import { fakeUsername, startOpsgenieFake } from '../fakes/opsgenie-fake.js';
import { ApiContract, startRecordingProxy } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * A shift report posted as a note on an Opsgenie alert reads back, marker first and oldest
 * note first, through requests and answers the spec allows.
 */

const specFile = specPath('opsgenie-v2.swagger.json');
const signal = () => AbortSignal.timeout(10_000);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!specFile)('Opsgenie alert notes for the handoff (contract)', () => {
  it('reads back the notes on an alert, the handoff marker on the first line', async () => {
    const contract = await ApiContract.load(specFile!);
    const fake = await startOpsgenieFake();
    cleanups.push(fake.stop);
    const proxy = await startRecordingProxy(fake.url);
    cleanups.push(proxy.stop);
    const source = new OpsgenieSource({
      config: opsgenieSourceConfigSchema.parse({
        kind: 'opsgenie',
        id: 'og',
        name: 'Opsgenie',
        username: fakeUsername,
        apiBaseUrl: proxy.url,
      }),
      secrets: { token: fake.apiKey },
      clock: systemClock,
    });
    cleanups.push(async () => source.dispose());
    const [alert] = await source.fetchIncidents(signal());
    const marker = reportMarkerLine({
      reportId: 'sr-0123456789ab',
      outgoing: 'Sam',
      incoming: 'Lee',
      window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC',
    });
    for (const text of ['First look: the queue is draining', `${marker}\n\n# Shift report`]) {
      await source.act(alert!, { type: 'note', text }, signal(), {
        actionId: randomUUID(),
        mayHaveBeenSent: false,
      });
    }
    const notes = await source.readNotes(alert!, signal());
    expect(notes.slice(-2).map((note) => note.content.split('\n')[0])).toEqual([
      'First look: the queue is draining',
      marker,
    ]);
    expect(parseHandoffMarker(notes.at(-1)!.content)).toMatchObject({ outgoing: 'Sam' });
    expect(notes.at(-1)).toMatchObject({
      createdAt: expect.any(String),
      author: expect.any(String),
    });
    const reads = proxy.exchanges.filter((e) => e.method === 'GET' && e.path.endsWith('/notes'));
    expect(reads).toHaveLength(1);
    expect(reads.flatMap((e) => contract.check(e))).toEqual([]);
  });
});
