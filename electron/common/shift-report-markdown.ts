/**
 * A shift report as Markdown, for the clipboard, a file and a note on the incidents still open.
 * On the ground floor because the window renders it with the watch items as they are typed.
 *
 * Everything that came from a provider (titles, names, services) is hostile until escaped
 * (see markdown-escape.ts).
 */
import { reportMarkerLine } from './handoff-marker.js';
import { escapeMarkdown, markdownLink } from './markdown-escape.js';
import { maxNoteChars } from './model/action.js';
import type { ReportEnding, ReportIncident, ShiftReport } from './model/shift-report.js';
import { nightHours } from './model/shift-report.js';
import { formatDayTime, formatDuration } from './time-format.js';

/** The responder's own lines: kept as written, minus raw HTML and one bullet per line. */
function watchItemLines(watchItems: string): string[] {
  return watchItems
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => `- ${line.replace(/^[-*+]\s+/, '').replace(/[<>&]/g, (c) => `\\${c}`)}`);
}

export function shiftReportMarkdown(report: ShiftReport, watchItems = ''): string {
  const zone = report.timeZone;
  const at = (iso: string) => formatDayTime(Date.parse(iso), zone);
  const lines: string[] = [];
  const section = (title: string, body: string[]) => {
    lines.push('', `## ${title}`, '', ...body);
  };

  lines.push(`# Shift report: ${escapeMarkdown(report.scheduleName)}`, '');
  const window = report.end
    ? `${at(report.start)} – ${at(report.end)}`
    : `${at(report.start)}, no set end`;
  lines.push(
    `- **Outgoing:** ${escapeMarkdown(report.outgoing)}`,
    `- **Incoming:** ${report.incoming ? escapeMarkdown(report.incoming) : 'not on the schedule Onwatch sees'}`,
    `- **Shift:** ${window} (${escapeMarkdown(zone)})`,
    `- **As of:** ${at(report.cutAt)}`,
  );

  const { pages } = report;
  section('Pages', [
    pages.total === 0
      ? 'No pages during this shift.'
      : `${pages.total} page${pages.total === 1 ? '' : 's'}: ${pages.high} high and ${pages.low} low urgency; ${pages.night} at night (${pad(nightHours.from)}:00–${pad(nightHours.until)}:00), ${pages.day} by day.`,
  ]);

  if (report.incidents.length > 0) {
    section('Incidents', [
      '| Incident | Urgency | Triggered | Acknowledged | Resolved |',
      '| --- | --- | --- | --- | --- |',
      ...report.incidents.map((incident) => incidentRow(incident, at)),
    ]);
  }

  section(
    'Still open',
    report.stillOpen.length === 0
      ? ['Nothing is open.']
      : report.stillOpen.map((open) => {
          const name = open.number ? `${open.number} ${open.title}` : open.title;
          const owners =
            open.owners.length > 0 ? open.owners.map(escapeMarkdown).join(', ') : 'nobody';
          return `- **${open.status}**, ${open.urgency} urgency: ${markdownLink(name, open.webUrl)} (${escapeMarkdown(open.sourceName)}), owner: ${owners}`;
        }),
  );

  const watch = watchItemLines(watchItems);
  section('Watch items', watch.length > 0 ? watch : ['None.']);

  if (report.posted.length > 0) {
    section(
      'Posted from Onwatch',
      report.posted.map(
        (item) =>
          `- ${at(item.at)}: ${postedWording[item.kind]} on ${escapeMarkdown(item.on)}: ${escapeMarkdown(item.summary)}`,
      ),
    );
  }

  section(
    'Ending during the next shift',
    report.endingNextShift.length === 0
      ? ['Nothing Onwatch knows of.']
      : report.endingNextShift.map((item) => endingLine(item, at)),
  );

  section(
    'Blind sources',
    report.blind.length === 0
      ? ['Every source was seen throughout.']
      : report.blind.map(
          (spell) =>
            `- ${escapeMarkdown(spell.sourceName)}: blind for ${formatDuration(spell.durationMs)}, ${at(spell.from)} – ${spell.to ? at(spell.to) : 'still blind'}${spell.reason ? ` (${escapeMarkdown(spell.reason)})` : ''}`,
        ),
  );

  section(
    'Cover in force',
    report.covers.length === 0
      ? ['None made from Onwatch.']
      : report.covers.map(
          (cover) =>
            `- ${escapeMarkdown(cover.coverName)} covers ${escapeMarkdown(cover.forName)} on ${escapeMarkdown(cover.scheduleName)}, ${at(cover.start)} – ${at(cover.end)} (${cover.state})`,
        ),
  );

  if (report.notAvailable.length > 0) {
    section(
      'Not in this report',
      report.notAvailable.map((gap) => `- ${escapeMarkdown(gap)}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function endingLine(item: ReportEnding, at: (iso: string) => string): string {
  if (item.madeAt === undefined) {
    return `- ${item.kind}: ${escapeMarkdown(item.title)}, ends ${at(item.endsAt)}`;
  }
  const made = item.madeAt === 'here' ? 'made here' : 'made at the provider';
  const where = item.sourceName ? ` on ${escapeMarkdown(item.sourceName)}` : '';
  const by = item.createdBy ? ` by ${escapeMarkdown(item.createdBy)}` : '';
  const why = item.comment?.trim() ? ` (“${escapeMarkdown(item.comment)}”)` : '';
  return `- ${item.kind} (${made})${where}: ${escapeMarkdown(item.matchers ?? item.title)}${by}${why}, ends ${at(item.endsAt)}`;
}

const postedWording: Record<ShiftReport['posted'][number]['kind'], string> = {
  note: 'note',
  transcript: 'runbook transcript',
  'status-page': 'status page',
};

function incidentRow(incident: ReportIncident, at: (iso: string) => string): string {
  const name = incident.number ? `${incident.number} ${incident.title}` : incident.title;
  const by = (who: string | undefined) => (who ? ` by ${escapeMarkdown(who)}` : '');
  const ack =
    incident.timeToAckMs === undefined
      ? incident.state === 'triggered'
        ? 'not yet'
        : '—'
      : `after ${formatDuration(incident.timeToAckMs, { smallest: 'second' })}${by(incident.acknowledgedBy)}`;
  const resolved =
    incident.timeToResolveMs === undefined
      ? 'open'
      : `after ${formatDuration(incident.timeToResolveMs, { smallest: 'second' })}${by(incident.resolvedBy)}`;
  const cells = [
    markdownLink(name, incident.webUrl),
    `${incident.urgency}${incident.night ? ', night' : ''}`,
    at(incident.triggeredAt),
    ack,
    resolved,
  ];
  return `| ${cells.join(' | ')} |`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** e.g. `2026-12-02T0900Z-checkout.md`: sortable, and safe on every file system. */
export function reportFileName(report: Pick<ShiftReport, 'start' | 'scheduleName'>): string {
  const when = new Date(report.start).toISOString().slice(0, 16).replace(':', '');
  const name = report.scheduleName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `shift-report-${when}Z-${name || 'schedule'}.md`;
}

/**
 * The report as a note on an incident still open, led by its handoff marker (the incoming
 * responder's Onwatch finds it by that line); capped where providers take no more.
 */
export function shiftReportNote(report: ShiftReport, watchItems = ''): string {
  const marker = reportMarkerLine({
    reportId: report.id,
    outgoing: report.outgoing,
    incoming: report.incoming ?? 'whoever is on call next',
    window: shiftWindow(report),
  });
  const text = `${marker}\n\n${shiftReportMarkdown(report, watchItems)}`;
  if (text.length <= maxNoteChars) return text;
  const tail = '\n\n[cut short: the whole report is in Onwatch]\n';
  return `${text.slice(0, maxNoteChars - tail.length)}${tail}`;
}

/** "Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC": no comma, as the marker line ends with it. */
function shiftWindow(report: ShiftReport): string {
  const at = (iso: string) => formatDayTime(Date.parse(iso), report.timeZone);
  const from = at(report.start);
  return `${report.end ? `${from} – ${at(report.end)}` : `from ${from}`} ${report.timeZone}`.replace(
    /,/g,
    ' ',
  );
}
