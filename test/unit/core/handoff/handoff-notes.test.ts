import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../../../electron/common/contract/app-state.js';
import { ackMarkerLine, reportMarkerLine } from '../../../../electron/common/handoff-marker.js';
import { noCapabilities, type Incident } from '../../../../electron/common/model/incident.js';
import { HandoffNotes } from '../../../../electron/core/handoff/handoff-notes.js';
import type { ShiftLogEntry } from '../../../../electron/core/handoff/shift-log.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import type { IncidentNote } from '../../../../electron/core/sources/source.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

const id = 'sr-00aa11bb22cc';
const report = `${reportMarkerLine({ reportId: id, outgoing: 'Jane Doe', incoming: 'Ravi Patel', window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC' })}\n\n# Shift report: Payments\n`;
const withNotes = { ...noCapabilities, note: true };

function desk(options: {
  me: string;
  notes: Record<string, IncidentNote[] | Error>;
  incidents?: Incident[];
  entries?: ShiftLogEntry[];
  actions?: ActionView[];
}) {
  const enqueued: { key: string; text: string }[] = [];
  const incidents = options.incidents ?? [
    anIncident({ sourceId: 'pd', externalId: 'P1', key: 'pd:P1', capabilities: withNotes }),
    anIncident({ sourceId: 'pd', externalId: 'P2', key: 'pd:P2', capabilities: withNotes }),
    anIncident({ sourceId: 'am', externalId: 'f1', key: 'am:f1' }),
    anIncident({ sourceId: 'x', externalId: 'X1', key: 'x:X1', capabilities: withNotes }),
  ];
  const handoff = new HandoffNotes({
    clock: new FakeClock(),
    log: silentLog,
    openIncidents: () => incidents,
    notesReader: (sourceId) =>
      sourceId === 'pd'
        ? {
            timeoutMs: 5000,
            read: async (incident) => {
              const notes = options.notes[incident.externalId] ?? [];
              if (notes instanceof Error) throw notes;
              return notes;
            },
          }
        : undefined,
    sourceName: (sourceId) =>
      ({ pd: 'PagerDuty', am: 'Alertmanager', x: 'Notekeeper' })[sourceId] ?? sourceId,
    responderName: () => options.me,
    entries: () => options.entries ?? [],
    actions: () => options.actions ?? [],
    enqueueNote: async (key, text) => void enqueued.push({ key, text }),
  });
  return { handoff, enqueued };
}

describe('HandoffNotes', () => {
  it('finds a report from someone else among hostile notes, and names the sources it cannot read', async () => {
    const { handoff } = desk({
      me: 'Ravi Patel',
      notes: {
        P1: [
          { content: 'Onwatch shift report sr-<img src=x> — a → b, c' },
          { content: `Onwatch shift report ${id} — ${'x'.repeat(400)} → Ravi, c` },
          { content: 'x'.repeat(200_000) },
          { content: report, createdAt: '2026-12-02T09:01:00Z', author: 'Jane Doe' },
          // An "acknowledgement" for a report that is not there, and one by someone else.
          { content: ackMarkerLine('sr-ffffffffffff', 'Mallory') },
          { content: ackMarkerLine(id, 'Mei <b>Chen</b>'), createdAt: '2026-12-02T09:05:00Z' },
        ],
        P2: new Error('connect ECONNREFUSED'),
      },
    });
    const status = await handoff.status();
    expect(status.received).toEqual([
      expect.objectContaining({
        reportId: id,
        outgoing: 'Jane Doe',
        forMe: true,
        text: report,
        incidents: [{ key: 'pd:P1', title: expect.any(String) }],
        acknowledgements: [{ by: 'Mei <b>Chen</b>', at: '2026-12-02T09:05:00Z' }],
        mine: 'none',
      }),
    ]);
    expect(status.unread).toEqual(['Notekeeper']);
    await expect(handoff.waitingForMe()).resolves.toBe(
      'Shift report from Jane Doe waiting: acknowledge it on the Schedule page.',
    );
    expect(status.problems).toEqual(['PagerDuty: 1 incident (connect ECONNREFUSED)']);
  });

  it('acknowledges once: not again while it is in the outbox, nor once the log has it', async () => {
    const notes = { P1: [{ content: report }], P2: [{ content: report }] };
    const first = desk({ me: 'Ravi Patel', notes });
    await expect(first.handoff.acknowledge(id)).resolves.toEqual({ queued: 2, already: false });
    expect(first.enqueued.map((e) => e.key)).toEqual(['pd:P1', 'pd:P2']);
    expect(first.enqueued[0]!.text.split('\n')[0]).toBe(ackMarkerLine(id, 'Ravi Patel'));

    const pending = desk({
      me: 'Ravi Patel',
      notes,
      actions: [
        {
          id: 'a1',
          incidentKey: 'pd:P1',
          incidentTitle: 'x',
          sourceId: 'pd',
          action: { type: 'note', text: first.enqueued[0]!.text },
          state: 'pending',
          attempts: 1,
          createdAt: '2026-12-02T09:10:00Z',
        },
      ],
    });
    await expect(pending.handoff.acknowledge(id)).resolves.toEqual({ queued: 0, already: true });
    const logged = desk({
      me: 'Ravi Patel',
      notes,
      entries: [
        {
          t: 'action',
          at: 1,
          id: 'a1',
          key: 'pd:P1',
          title: 'x',
          type: 'note',
          by: 'Ravi Patel',
          handoff: { kind: 'ack', reportId: id },
        },
      ],
    });
    await expect(logged.handoff.acknowledge(id)).resolves.toEqual({ queued: 0, already: true });
    expect([...pending.enqueued, ...logged.enqueued]).toEqual([]);
  });

  it('refuses to acknowledge a report it cannot find, and my own is not offered to me', async () => {
    const { handoff } = desk({ me: 'Jane Doe', notes: { P1: [{ content: report }] } });
    await expect(handoff.acknowledge(id)).rejects.toThrow(/not on any open incident/);
    const status = await handoff.status();
    expect(status.received).toEqual([]);
    await expect(handoff.waitingForMe()).resolves.toBeUndefined();
    expect(status.sent).toEqual([expect.objectContaining({ reportId: id, acknowledgements: [] })]);
  });
});
