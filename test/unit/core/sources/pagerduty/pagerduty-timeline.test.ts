import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagerDutySourceConfigSchema } from '../../../../../electron/common/providers/pagerduty.js';
import { systemClock } from '../../../../../electron/core/ports/clock.js';
import { PagerDutySource } from '../../../../../electron/core/sources/pagerduty/pagerduty-source.js';
import { logEntryToTimeline } from '../../../../../electron/core/sources/pagerduty/pagerduty-timeline.js';
import { startPagerDutyFake, type PagerDutyFake } from '../../../../fakes/pagerduty-fake.js';
import { anIncident } from '../../../../support/incidents.js';

const at = '2026-12-01T09:00:00Z';

describe('logEntryToTimeline', () => {
  it.each([
    ['trigger_log_entry', 'opened'],
    ['notify_log_entry', 'notified'],
    ['acknowledge_log_entry', 'acknowledged'],
    ['unacknowledge_log_entry', 'unacknowledged'],
    ['escalate_log_entry', 'escalated'],
    ['assign_log_entry', 'assigned'],
    ['delegate_log_entry', 'assigned'],
    ['snooze_log_entry', 'snoozed'],
    ['resolve_log_entry', 'resolved'],
    ['annotate_log_entry', 'note'],
    ['urgency_change_log_entry', 'other'],
    ['a_type_added_next_year', 'other'],
  ])('reads %s as %s', (type, kind) => {
    expect(logEntryToTimeline({ type, created_at: at, summary: 'x' })?.kind).toBe(kind);
  });

  it('takes the summary as the text and the agent as who', () => {
    const entry = logEntryToTimeline({
      type: 'acknowledge_log_entry',
      created_at: '2026-12-01T10:00:00+01:00',
      summary: 'Acknowledged by Jane Doe',
      agent: { id: 'PJANE01', type: 'user_reference', summary: 'Jane Doe' },
    });
    expect(entry).toEqual({
      at: '2026-12-01T09:00:00.000Z',
      kind: 'acknowledged',
      text: 'Acknowledged by Jane Doe',
      by: 'Jane Doe',
    });
  });

  it('names an entry without a summary by its type, and leaves out who when nobody is named', () => {
    const entry = logEntryToTimeline({ type: 'exhaust_escalation_path_log_entry', created_at: at });
    expect(entry).toMatchObject({ text: 'exhaust escalation path', kind: 'other' });
    expect(entry).not.toHaveProperty('by');
    expect(
      logEntryToTimeline({ type: 'snooze_log_entry', created_at: at, agent: null }),
    ).not.toHaveProperty('by');
  });

  it('skips what it cannot place in time or name', () => {
    expect(logEntryToTimeline({ type: 'trigger_log_entry' })).toBeUndefined();
    expect(
      logEntryToTimeline({ type: 'trigger_log_entry', created_at: 'yesterday' }),
    ).toBeUndefined();
    expect(logEntryToTimeline({ created_at: at, summary: 'no type' })).toBeUndefined();
    expect(logEntryToTimeline('trigger')).toBeUndefined();
    expect(logEntryToTimeline(null)).toBeUndefined();
  });

  it('keeps hostile text as the plain text it is, cut to a sane length', () => {
    const markup = '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(1))';
    expect(
      logEntryToTimeline({ type: 'annotate_log_entry', created_at: at, summary: markup })?.text,
    ).toBe(markup);
    const huge = logEntryToTimeline({
      type: 'trigger_log_entry',
      created_at: at,
      summary: 'a'.repeat(100_000),
    });
    expect(huge!.text.length).toBe(8000);
    expect(huge!.text.endsWith('…')).toBe(true);
  });
});

describe('PagerDutySource.readTimeline against the fake', () => {
  let fake: PagerDutyFake;
  beforeEach(async () => {
    fake = await startPagerDutyFake();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const source = () =>
    new PagerDutySource({
      config: pagerDutySourceConfigSchema.parse({
        kind: 'pagerduty',
        id: 'pd',
        name: 'PagerDuty',
        email: fake.me.email,
        apiBaseUrl: fake.baseUrl,
      }),
      secrets: { token: fake.tokens.user },
      clock: systemClock,
    });
  const search = anIncident({ sourceId: 'pd', externalId: 'PINC003', status: 'acknowledged' });
  const signal = () => AbortSignal.timeout(5000);
  const note = 'Reindex running, latency should recover in ~20 min.';

  it('asks for the overview, one page of 100, and lists it oldest first with each note once', async () => {
    const timeline = await source().readTimeline(search, signal());

    const asked = fake.requests.find((r) => r.path === '/incidents/PINC003/log_entries');
    expect(asked?.query).toEqual([
      ['is_overview', 'true'],
      ['limit', '100'],
    ]);
    expect(timeline).toEqual({
      entries: [
        expect.objectContaining({
          kind: 'opened',
          text: 'Triggered through the API',
          by: 'Search',
        }),
        expect.objectContaining({ kind: 'acknowledged', by: 'Ravi Patel' }),
        expect.objectContaining({ kind: 'note', text: note, by: 'Ravi Patel' }),
      ],
    });
  });

  it('shows the changes made since, in order', async () => {
    const pd = source();
    const context = { actionId: '7f3c2a91-0b7e-4c55-9d7e-2f1a9c0d4e11', mayHaveBeenSent: false };
    await pd.act(search, { type: 'snooze', minutes: 30 }, signal(), context);
    await pd.act(search, { type: 'resolve' }, signal(), { ...context, mayHaveBeenSent: true });

    const kinds = (await pd.readTimeline(search, signal())).entries.map((e) => e.kind);
    expect(kinds).toEqual(['opened', 'acknowledged', 'note', 'snoozed', 'resolved']);
  });

  it('shows the log with its note entries when the notes are refused, marked partial', async () => {
    fake.setFault(
      { status: 403, body: { error: { message: 'Forbidden', code: 2010 } } },
      {
        path: '/incidents/PINC003/notes',
      },
    );
    const timeline = await source().readTimeline(search, signal());
    expect(timeline.partial).toBe('Your PagerDuty key may not read notes.');
    expect(timeline.entries.map((e) => e.kind)).toEqual(['opened', 'acknowledged', 'note']);
    expect(timeline.entries[2]!.text).toBe('Note added by Ravi Patel');
  });

  it('shows the notes when the log is refused, and fails only when neither can be read', async () => {
    fake.setFault({ status: 403 }, { path: '/incidents/PINC003/log_entries' });
    const notesOnly = await source().readTimeline(search, signal());
    expect(notesOnly.entries).toEqual([expect.objectContaining({ kind: 'note', text: note })]);
    expect(notesOnly.partial).toBe('Your PagerDuty key may not read log entries.');

    fake.setFault({ status: 503 }, { path: /^\/incidents\/PINC003\// });
    await expect(source().readTimeline(search, signal())).rejects.toThrow(/server error/);
  });

  it('leaves out an odd entry and says so, without losing the rest', async () => {
    fake.rewriteAnswers(
      (body) => ({
        ...body,
        log_entries: [...(body.log_entries as unknown[]), { type: 'trigger_log_entry' }, 42],
      }),
      { path: '/incidents/PINC003/log_entries' },
    );
    const timeline = await source().readTimeline(search, signal());
    expect(timeline.entries).toHaveLength(3);
    expect(timeline.partial).toBe('2 log entries could not be read.');
  });
});
