import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../../../electron/common/model/action.js';
import { ActionOutbox, type Deliver } from '../../../../electron/core/outbox/action-outbox.js';
import type { JournalEntry } from '../../../../electron/core/outbox/action-journal.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import { SourceError } from '../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Call {
  entry: JournalEntry;
  context: ActionContext;
  journalAtCall: string;
}

/** An outbox over a real journal file, with a delivery each test scripts. */
async function setup(path?: string, clock = new FakeClock()) {
  const dir = path ? undefined : await makeTempDir();
  if (dir) cleanups.push(dir.remove);
  const journalPath = path ?? join(dir!.path, 'outbox.jsonl');
  const calls: Call[] = [];
  const warnings: string[] = [];
  let behaviour: (call: Call) => Promise<void> = async () => {};
  const deliver: Deliver = async (entry, context) => {
    const call = { entry, context, journalAtCall: await readFile(journalPath, 'utf8') };
    calls.push(call);
    return behaviour(call);
  };
  const log: Log = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  let changes = 0;
  const outbox = await ActionOutbox.open({
    path: journalPath,
    clock,
    log,
    deliver,
    onChange: () => changes++,
    random: () => 1,
  });
  cleanups.push(() => outbox.stop());
  return {
    outbox,
    clock,
    calls,
    warnings,
    journalPath,
    changes: () => changes,
    behave: (next: (call: Call) => Promise<void>) => (behaviour = next),
  };
}

const incident = anIncident();

const stateOf = (outbox: ActionOutbox) =>
  outbox
    .list()
    .map((a) => `${a.state}:${a.attempts}`)
    .join(',');

describe('ActionOutbox', () => {
  it('writes the action to disk before sending it, then records it done', async () => {
    const { outbox, clock, calls, journalPath } = await setup();
    const queued = await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'done:1');

    expect(calls).toHaveLength(1);
    expect(calls[0]!.context).toEqual({ actionId: queued.id, mayHaveBeenSent: false });
    const onDiskAtSend = calls[0]!.journalAtCall
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).t);
    expect(onDiskAtSend).toEqual(['queued', 'sending']);
    expect(outbox.list()).toMatchObject([{ id: queued.id, state: 'done', attempts: 1 }]);
    const finalRecords = (await readFile(journalPath, 'utf8')).trim().split('\n');
    expect(JSON.parse(finalRecords.at(-1)!)).toMatchObject({ t: 'done', id: queued.id });
  });

  it('keeps a confirmed action listed briefly, then drops it from the list', async () => {
    const { outbox, clock } = await setup();
    await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'done:1');
    await clock.advance(2 * 60_000);
    expect(outbox.list()).toEqual([]);
  });

  it('retries a transient failure with growing delays, telling the source it may have been sent', async () => {
    const { outbox, clock, calls, behave } = await setup();
    behave(async (call) => {
      if (calls.length < 3) throw new SourceError('unreachable', 'cannot connect to 127.0.0.1:9');
      expect(call.context.mayHaveBeenSent).toBe(true);
    });
    await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    await until(() => outbox.list()[0]?.nextAttemptAt !== undefined);
    expect(outbox.list()[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('cannot connect'),
    });
    expect(outbox.list()[0]!.nextAttemptAt).toBe(clock.now() + 2_000);

    await clock.advance(2_000);
    await until(() => outbox.list()[0]!.nextAttemptAt === clock.now() + 4_000);
    expect(outbox.list()[0]).toMatchObject({ state: 'pending', attempts: 2 });

    await clock.advance(4_000);
    await until(() => stateOf(outbox) === 'done:3');
    expect(calls.map((c) => c.context.mayHaveBeenSent)).toEqual([false, true, true]);
  });

  it('waits as long as a rate limit asks before retrying', async () => {
    const { outbox, clock, calls, behave } = await setup();
    behave(async () => {
      if (calls.length === 1)
        throw new SourceError('rate-limited', 'slow down', { retryAfterMs: 45_000 });
    });
    await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    await until(() => outbox.list()[0]?.nextAttemptAt !== undefined);
    expect(outbox.list()[0]!.nextAttemptAt).toBe(clock.now() + 45_000);
    await clock.advance(44_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await until(() => stateOf(outbox) === 'done:2');
  });

  it('fails for good when the provider refuses, and can be retried or dismissed', async () => {
    const { outbox, clock, calls, behave } = await setup();
    behave(async () => {
      throw new SourceError('rejected', 'Incident Already Resolved? no: not allowed');
    });
    const queued = await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'failed:1');
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
    expect(outbox.list()).toMatchObject([
      { state: 'failed', lastError: 'Incident Already Resolved? no: not allowed' },
    ]);

    behave(async () => {});
    await outbox.retry(queued.id);
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'done:2');

    behave(async () => {
      throw new SourceError('rejected', 'nope');
    });
    const second = await outbox.enqueue(incident, { type: 'resolve' });
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'done:2,failed:1');
    await outbox.dismiss(second.id);
    expect(outbox.list().map((a) => a.id)).toEqual([queued.id]);
  });

  it('treats the same action on the same incident, while pending, as one', async () => {
    const { outbox, clock, calls, behave } = await setup();
    behave(() => new Promise(() => {})); // the provider never answers
    const first = await outbox.enqueue(incident, { type: 'ack' });
    const again = await outbox.enqueue(incident, { type: 'ack' });
    const other = await outbox.enqueue(incident, { type: 'note', text: 'looking' });
    await clock.advance(0);
    await until(() => calls.length === 2);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(calls.map((c) => c.entry.action.type).sort()).toEqual(['ack', 'note']);
  });

  it('gives up after a day of transient failures and says why', async () => {
    const { outbox, clock, behave } = await setup();
    behave(async () => {
      throw new SourceError('unreachable', 'cannot connect to pd');
    });
    await outbox.enqueue(incident, { type: 'ack' });
    await clock.advance(0);
    // Each retry is scheduled only after its failure is on disk, so step from one to the next.
    const retryScheduled = () =>
      outbox.list()[0]!.state === 'failed' || (outbox.list()[0]!.nextAttemptAt ?? 0) > clock.now();
    while (outbox.list()[0]!.state !== 'failed') {
      await until(retryScheduled);
      await clock.advance((outbox.list()[0]!.nextAttemptAt ?? clock.now()) - clock.now());
    }
    await until(() => outbox.list()[0]?.state === 'failed');
    expect(outbox.list()).toMatchObject([
      {
        state: 'failed',
        lastError: expect.stringMatching(/^gave up after 1 d: cannot connect to pd$/),
      },
    ]);
    // A day of backoff is a few hundred journal flushes: seconds on a loaded machine.
  }, 30_000);
});

describe('ActionOutbox: a note typed with an ack or resolve', () => {
  it('sends the note as an entry of its own, only once the ack is confirmed', async () => {
    const { outbox, clock, calls, behave, journalPath } = await setup();
    behave(async (call) => {
      if (call.entry.action.type === 'resolve' && calls.length === 1) {
        throw new SourceError('unreachable', 'cannot connect to 127.0.0.1:9');
      }
    });
    const queued = await outbox.enqueue(incident, { type: 'resolve', note: 'Rolled back 4512' });
    await clock.advance(0);
    await until(() => outbox.list()[0]?.nextAttemptAt !== undefined);
    expect(outbox.list()).toHaveLength(1); // no note while the resolve is unconfirmed

    await clock.advance(2_000);
    await until(() => stateOf(outbox) === 'done:2,pending:0');
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'done:2,done:1');
    expect(calls.map((c) => c.entry.action)).toEqual([
      { type: 'resolve', note: 'Rolled back 4512' },
      { type: 'resolve', note: 'Rolled back 4512' },
      { type: 'note', text: 'Rolled back 4512' },
    ]);
    const note = outbox.list()[1]!;
    expect(note).toMatchObject({ follows: queued.id, incident: { key: incident.key } });
    expect(calls[2]!.context).toEqual({ actionId: note.id, mayHaveBeenSent: false });
    // Written down before the resolve counted as done, so a crash between them loses nothing.
    const order = (await readFile(journalPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((r) => `${r.t}:${(r.entry?.id ?? r.id) === queued.id ? 'resolve' : 'note'}`);
    expect(order.slice(0, 6)).toEqual([
      'queued:resolve',
      'sending:resolve',
      'retry:resolve',
      'sending:resolve',
      'queued:note',
      'done:resolve',
    ]);
  });

  it('posts no note when the ack is refused for good', async () => {
    const { outbox, clock, calls, behave } = await setup();
    behave(async () => {
      throw new SourceError('rejected', 'no');
    });
    await outbox.enqueue(incident, { type: 'ack', note: 'On it' });
    await clock.advance(0);
    await until(() => stateOf(outbox) === 'failed:1');
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
  });
});

describe('ActionOutbox after a crash', () => {
  it('resends an action whose send was cut off, once, flagged as possibly sent', async () => {
    const first = await setup();
    first.behave(() => new Promise(() => {})); // the process dies mid-send
    const queued = await first.outbox.enqueue(incident, { type: 'ack' });
    await first.clock.advance(0);
    await until(() => first.calls.length === 1);

    // A new process opens the same journal; the first one never wrote another byte.
    const second = await setup(first.journalPath);
    expect(second.outbox.list()).toMatchObject([{ id: queued.id, state: 'pending', attempts: 1 }]);
    second.outbox.resume();
    await second.clock.advance(0);
    await until(() => stateOf(second.outbox) === 'done:2');
    expect(second.calls.map((c) => c.context)).toEqual([
      { actionId: queued.id, mayHaveBeenSent: true },
    ]);
    expect(second.outbox.list()).toMatchObject([{ id: queued.id, state: 'done' }]);
  });

  it('sends an action that was written down but never sent, not flagged', async () => {
    const first = await setup();
    first.behave(() => new Promise(() => {}));
    const queued = await first.outbox.enqueue(incident, { type: 'resolve' });
    await first.clock.advance(0);
    await until(() => first.calls.length === 1);
    // Simulate dying between writing the action down and starting to send it.
    const lines = (await readFile(first.journalPath, 'utf8'))
      .split('\n')
      .filter((l) => l.includes('"queued"'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(first.journalPath, `${lines.join('\n')}\n`);

    const second = await setup(first.journalPath);
    second.outbox.resume();
    await second.clock.advance(0);
    await until(() => stateOf(second.outbox) === 'done:1');
    expect(second.calls.map((c) => c.context)).toEqual([
      { actionId: queued.id, mayHaveBeenSent: false },
    ]);
  });

  it('skips a line cut short by the crash and keeps the rest', async () => {
    const first = await setup();
    first.behave(() => new Promise(() => {}));
    const queued = await first.outbox.enqueue(incident, { type: 'ack' });
    await first.clock.advance(0);
    await until(() => first.calls.length === 1);
    await appendFile(first.journalPath, '{"t":"done","id":"' + queued.id.slice(0, 5));

    const second = await setup(first.journalPath);
    expect(second.warnings).toEqual([expect.stringMatching(/skipped unreadable line 3/)]);
    expect(second.outbox.list()).toMatchObject([{ id: queued.id, state: 'pending' }]);
  });

  it('forgets confirmed and dismissed actions when it compacts the journal on open', async () => {
    const first = await setup();
    await first.outbox.enqueue(incident, { type: 'ack' });
    await first.clock.advance(0);
    await until(() => stateOf(first.outbox) === 'done:1');
    first.behave(async () => {
      throw new SourceError('rejected', 'no');
    });
    const failed = await first.outbox.enqueue(anIncident({ externalId: 'other' }), { type: 'ack' });
    await first.clock.advance(0);
    await until(() => stateOf(first.outbox) === 'done:1,failed:1');

    const second = await setup(first.journalPath);
    expect(second.outbox.list()).toMatchObject([
      { id: failed.id, state: 'failed', lastError: 'no' },
    ]);
    const text = await readFile(first.journalPath, 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .every((l) => l.includes(failed.id)),
    ).toBe(true);
  });

  it('a note typed with an ack, cut off after the ack was confirmed: the ack is redone, the note written once', async () => {
    const first = await setup();
    const queued = await first.outbox.enqueue(incident, { type: 'ack', note: 'On it' });
    await first.clock.advance(0);
    await until(() => first.outbox.list().length === 2);
    // Dying between writing the note down and recording the ack done: drop the ack's "done".
    const kept = (await readFile(first.journalPath, 'utf8'))
      .split('\n')
      .filter((l) => l !== '' && !(l.includes('"done"') && l.includes(queued.id)))
      .slice(0, 3);
    expect(kept.map((l) => JSON.parse(l).t)).toEqual(['queued', 'sending', 'queued']);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(first.journalPath, `${kept.join('\n')}\n`);

    const second = await setup(first.journalPath);
    second.outbox.resume();
    await second.clock.advance(0);
    await until(() => stateOf(second.outbox) === 'done:2,done:1');
    const sent = second.calls.map((c) => c.entry.action.type);
    expect(sent.sort()).toEqual(['ack', 'note']);
    expect(second.outbox.list().filter((a) => a.action.type === 'note')).toHaveLength(1);
  });
});
