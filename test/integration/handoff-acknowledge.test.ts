import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHandoffMarker } from '../../electron/common/handoff-marker.js';
import { shiftReportNote } from '../../electron/common/shift-report-markdown.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { secretAccount } from '../../electron/core/ports/secret-store.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * Two Onwatch installs, Jane's (outgoing) and Ravi's (incoming), against one loopback
 * PagerDuty: the report goes out as a note, Ravi's Onwatch finds it and acknowledges it with a
 * reply note, once, and Jane's Onwatch reads the acknowledgement back.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCore(fake: PagerDutyFake, responderName: string, email: string) {
  const dir = await makeTempDir();
  const settingsPath = join(dir.path, 'settings.json');
  await writeFile(
    settingsPath,
    JSON.stringify({
      version: 1,
      responderName,
      sources: [
        { kind: 'pagerduty', id: 'pd', name: 'PagerDuty', email, apiBaseUrl: fake.baseUrl },
      ],
    }),
  );
  const secrets = new MemorySecretStore();
  await secrets.set(secretAccount('pd', 'token'), fake.tokens.user);
  const clock = new FakeClock(Date.now());
  const core = await OnwatchCore.start({
    settingsPath,
    secrets,
    clock,
    log: silentLog,
    timeZone: 'UTC',
    random: () => 1,
  });
  cleanups.push(async () => {
    await core.stop();
    await dir.remove();
  });
  /** Waits for real I/O while moving the fake clock, which paces retries and timeouts. */
  const settle = async (condition: () => boolean, what: string) => {
    for (let step = 0; !condition(); step++) {
      if (step > 600) throw new Error(`timed out waiting for ${what}`);
      await clock.advance(100);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await settle(() => core.getState().sources[0]?.health === 'ok', `${responderName}'s PagerDuty`);
  const actionsDone = () => core.getState().actions.every((action) => action.state === 'done');
  return { core, clock, settle, actionsDone };
}

/** The notes on an incident at the fake that carry a handoff marker of this kind. */
const markedNotes = (fake: PagerDutyFake, incidentId: string, kind: 'report' | 'ack') =>
  fake.incident(incidentId).notes.filter((note) => parseHandoffMarker(note.content)?.kind === kind);

describe('the handoff between two Onwatch installs, through the provider', () => {
  it('posts the report, the incoming responder acknowledges it once, and the outgoing sees it', async () => {
    const fake = await startPagerDutyFake();
    cleanups.push(() => fake.stop());
    const jane = await startCore(fake, 'Jane Doe', 'jane@example.com');
    const ravi = await startCore(fake, 'Ravi Patel', 'ravi@example.com');

    // Jane's report, posted as a note on every open incident that takes notes.
    const { report } = await jane.core.handlers.shiftReport({
      sourceId: 'pd',
      scheduleId: 'PSCHED1',
      scheduleName: 'Payments primary',
      start: new Date(jane.clock.now() - 12 * 3_600_000).toISOString(),
    });
    const targets = report.stillOpen.filter((incident) => incident.takesNotes);
    expect(targets.length).toBeGreaterThan(0);
    const text = shiftReportNote(report, 'watch the payments queue');
    for (const incident of targets) {
      await jane.core.handlers.act({ key: incident.key, action: { type: 'note', text } });
    }
    await jane.settle(jane.actionsDone, "Jane's notes to be confirmed");
    const carriers = targets.map((incident) => incident.key.slice('pd:'.length));
    for (const id of carriers) expect(markedNotes(fake, id, 'report')).toHaveLength(1);

    // Before anyone acknowledged: Jane's card says it is posted, and not acknowledged.
    const before = await jane.core.handlers.handoffStatus({});
    expect(before.sent).toEqual([
      expect.objectContaining({ reportId: report.id, acknowledgements: [] }),
    ]);
    expect(before.received).toEqual([]);

    // Ravi's Onwatch finds it, from Jane, with the report's text.
    const seen = await ravi.core.handlers.handoffStatus({});
    expect(seen.received).toHaveLength(1);
    expect(seen.received[0]).toMatchObject({
      reportId: report.id,
      outgoing: 'Jane Doe',
      mine: 'none',
      acknowledgements: [],
    });
    expect(seen.received[0]!.text).toContain('watch the payments queue');
    expect(seen.received[0]!.incidents.map((i) => i.key).sort()).toEqual(
      targets.map((i) => i.key).sort(),
    );

    // The first reply note is held and its answer lost: the outbox retries, and PagerDuty
    // still gets one acknowledgement per incident. A second click adds nothing.
    const held = fake.holdNextWrite();
    const acked = await ravi.core.handlers.acknowledgeHandoff({ reportId: report.id });
    expect(acked).toEqual({ queued: targets.length, already: false });
    await expect(ravi.core.handlers.acknowledgeHandoff({ reportId: report.id })).resolves.toEqual({
      queued: 0,
      already: true,
    });
    let arrived = false;
    void held.arrived.then(() => (arrived = true));
    await ravi.settle(() => arrived, 'the first reply note to reach PagerDuty');
    // Ravi's Onwatch gives up waiting for the answer, and PagerDuty applies the note the moment
    // the connection closes: before the retry looks for it. The retry may come at once, not two
    // seconds later: while the held note took the key's one request slot, Ravi's polls timed
    // out, and the first poll answered after it sends what waits on the source.
    void held.abandoned.then(() => held.apply());
    await ravi.settle(ravi.actionsDone, "Ravi's acknowledgements to be confirmed");
    // The held one was sent again, as the outbox does after a lost answer.
    expect(Math.max(...ravi.core.getState().actions.map((action) => action.attempts))).toBe(2);
    for (const id of carriers) {
      const acks = markedNotes(fake, id, 'ack');
      expect(acks).toHaveLength(1);
      expect(parseHandoffMarker(acks[0]!.content)).toEqual({
        kind: 'ack',
        reportId: report.id,
        by: 'Ravi Patel',
      });
    }
    const after = await ravi.core.handlers.handoffStatus({});
    expect(after.received[0]).toMatchObject({ mine: 'posted' });
    await expect(ravi.core.handlers.acknowledgeHandoff({ reportId: report.id })).resolves.toEqual({
      queued: 0,
      already: true,
    });
    for (const id of carriers) expect(markedNotes(fake, id, 'ack')).toHaveLength(1);

    // Jane's Onwatch reads the same notes: acknowledged by Ravi, at the note's time.
    const seenByJane = await jane.core.handlers.handoffStatus({});
    expect(seenByJane.sent).toHaveLength(1);
    expect(seenByJane.sent[0]!.acknowledgements).toEqual([
      { by: 'Ravi Patel', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
  });
});
