import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../../../electron/common/model/incident.js';
import { toIncident } from '../../../../../electron/core/sources/pagerduty/pagerduty-mapping.js';
import {
  onCallShifts,
  v2ScheduleShifts,
  v3ScheduleShifts,
  type ShiftContext,
} from '../../../../../electron/core/sources/pagerduty/pagerduty-schedules.js';
import {
  onCallPageSchema,
  pdIncidentSchema,
  v2ScheduleSchema,
  v3ScheduleSchema,
} from '../../../../../electron/core/sources/pagerduty/pagerduty-schemas.js';

/* The pure mapping from PagerDuty's answers, for cases the fake does not produce. */

const firstSeen = '2026-11-22T14:00:00.000Z';
const context = {
  sourceId: 'pd',
  meId: 'PJANE01',
  myTeamIds: new Set(['PTEAM02']),
  firstSeen: () => firstSeen,
};

function incident(overrides: Record<string, unknown> = {}) {
  return pdIncidentSchema.parse({
    id: 'PT4KHLK',
    incident_number: 1234,
    title: 'The server is on fire.',
    html_url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
    status: 'triggered',
    urgency: 'high',
    created_at: '2026-11-22T08:30:42-05:00',
    service: { id: 'PIJ90N7', type: 'service_reference', summary: 'My Mail Service' },
    assignments: [
      {
        at: '2026-11-22T13:31:00Z',
        assignee: { id: 'PJANE01', type: 'user_reference', summary: 'Jane Doe' },
      },
    ],
    ...overrides,
  });
}

describe('toIncident', () => {
  it('gives a valid incident, with times in UTC', () => {
    const mapped = toIncident(incident(), context);

    expect(incidentSchema.parse(mapped)).toEqual(mapped);
    expect(mapped.createdAt).toBe('2026-11-22T13:30:42.000Z');
    expect(mapped.assignedToMe).toBe(true);
  });

  it('names the first of my teams an incident is for, and none when it is for no team of mine', () => {
    const teams = (...ids: string[]) => ({
      assignments: [],
      teams: ids.map((id) => ({ id, type: 'team_reference', summary: `Team ${id}` })),
    });

    expect(toIncident(incident(teams('PTEAM01', 'PTEAM02')), context)).toMatchObject({
      assignedToMe: false,
      assignedToMyTeam: 'Team PTEAM02',
    });
    expect(toIncident(incident(teams('PTEAM01')), context)).not.toHaveProperty('assignedToMyTeam');
    expect(toIncident(incident({ teams: null }), context)).not.toHaveProperty('assignedToMyTeam');
  });

  it('pages loudly when PagerDuty is vague: an unknown status or urgency', () => {
    const mapped = toIncident(incident({ status: 'snoozing', urgency: null }), context);

    expect(mapped.status).toBe('triggered');
    expect(mapped.urgency).toBe('high');
  });

  it('keeps only web links', () => {
    const mapped = toIncident(incident({ html_url: 'javascript:alert(1)' }), context);

    expect(mapped.webUrl).toBeUndefined();
    expect(mapped.links).toEqual([]);
  });

  it('falls back to the summary, then the id, for a title; leaves blank labels out', () => {
    expect(toIncident(incident({ title: ' ', summary: '[#1234] Fire' }), context).title).toBe(
      '[#1234] Fire',
    );
    const bare = toIncident(
      incident({ title: null, incident_number: null, service: null, urgency: null }),
      context,
    );
    expect(bare.title).toBe('PT4KHLK');
    expect(bare.number).toBeUndefined();
    expect(bare.labels).toEqual({});
  });

  it('takes the first acknowledgement as acknowledgedAt, only while acknowledged', () => {
    const acknowledgements = [
      { at: '2026-11-22T13:40:00Z', acknowledger: { id: 'PRAVI02', summary: 'Ravi' } },
      { at: '2026-11-22T13:35:00Z', acknowledger: { id: 'PJANE01', summary: 'Jane' } },
    ];
    expect(
      toIncident(incident({ status: 'acknowledged', acknowledgements }), context).acknowledgedAt,
    ).toBe('2026-11-22T13:35:00.000Z');
    expect(toIncident(incident({ acknowledgements }), context).acknowledgedAt).toBeUndefined();
  });
});

describe('shift mapping', () => {
  const shiftContext: ShiftContext = {
    sourceId: 'pd',
    meId: 'PJANE01',
    names: new Map([['PJANE01', 'Jane Doe']]),
    since: '2026-11-22T00:00:00.000Z',
  };

  it('shows a permanent on-call (null start and end) from the window start, open-ended', () => {
    const { oncalls } = onCallPageSchema.parse({
      oncalls: [
        {
          escalation_policy: { id: 'PEP1', type: 'escalation_policy_reference', summary: 'Ops' },
          escalation_level: 2,
          schedule: null,
          user: { id: 'PJANE01', type: 'user_reference', summary: 'Jane Doe' },
          start: null,
          end: null,
        },
      ],
    });

    expect(onCallShifts(oncalls, shiftContext)).toEqual([
      {
        sourceId: 'pd',
        scheduleId: 'PEP1',
        scheduleName: 'Ops',
        userId: 'PJANE01',
        userName: 'Jane Doe',
        isMe: true,
        start: '2026-11-22T00:00:00.000Z',
        end: undefined,
        escalationLevel: 2,
      },
    ]);
  });

  it('counts a level reached through two schedules at once as one shift', () => {
    const entry = (schedule: string) => ({
      escalation_policy: { id: 'PEP1', summary: 'Ops' },
      escalation_level: 1,
      schedule: { id: schedule, type: 'schedule_reference' },
      user: { id: 'PJANE01', summary: 'Jane Doe' },
      start: '2026-11-22T08:00:00Z',
      end: '2026-11-22T20:00:00Z',
    });
    const { oncalls } = onCallPageSchema.parse({ oncalls: [entry('PS1'), entry('PS2')] });

    expect(onCallShifts(oncalls, shiftContext)).toHaveLength(1);
  });

  it('reads a classic schedule, with an open-ended entry', () => {
    const { schedule } = v2ScheduleSchema.parse({
      schedule: {
        id: 'PS1',
        name: 'Primary',
        final_schedule: {
          name: 'Final Schedule',
          rendered_schedule_entries: [
            {
              user: { id: 'PRAVI02', summary: 'Ravi Patel' },
              start: '2026-11-22T08:00:00-05:00',
              end: null,
            },
          ],
        },
      },
    });

    expect(v2ScheduleShifts(schedule, shiftContext)).toEqual([
      expect.objectContaining({
        scheduleName: 'Primary',
        userName: 'Ravi Patel',
        isMe: false,
        start: '2026-11-22T13:00:00.000Z',
        end: undefined,
      }),
    ]);
  });

  it('names v3 members from the schedule, then what else we know, then by id; skips empty slots', () => {
    const slot = (member: Record<string, unknown>, hour: number) => ({
      type: 'computed_shift_assignment',
      start_time: `2026-11-22T${String(hour).padStart(2, '0')}:00:00Z`,
      end_time: `2026-11-22T${String(hour + 1).padStart(2, '0')}:00:00Z`,
      member,
      source: { type: 'schedule_rotation' },
    });
    const { schedule } = v3ScheduleSchema.parse({
      schedule: {
        id: 'PS3',
        type: 'schedule_v3',
        name: 'Follow the sun',
        time_zone: 'UTC',
        users: [{ id: 'PMEIC03', type: 'user_reference', summary: 'Mei Chen' }],
        final_schedule: {
          type: 'final_schedule',
          rendered_coverage_percentage: 75,
          computed_shift_assignments: [
            slot({ type: 'user_member', user_id: 'PMEIC03' }, 1),
            slot({ type: 'user_member', user_id: 'PJANE01' }, 2),
            slot({ type: 'empty_member' }, 3),
            slot({ type: 'user_member', user_id: 'PGHOST9' }, 4),
          ],
        },
      },
    });

    expect(v3ScheduleShifts(schedule, shiftContext).map((s) => [s.userName, s.isMe])).toEqual([
      ['Mei Chen', false],
      ['Jane Doe', true],
      ['PGHOST9', false],
    ]);
  });
});
