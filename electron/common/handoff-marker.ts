/**
 * The handoff's markers: the first line of a shift report posted as a note, and of the note the
 * incoming responder posts to acknowledge it. Two Onwatch installs share nothing but the
 * provider, so these lines are the channel: short, stable, readable by a person in the
 * provider's own UI, and parsed back by whichever Onwatch reads the incident's notes.
 *
 *   Onwatch shift report sr-3f9a0c12be47 — Ana → Ravi Patel, Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC
 *   Onwatch handoff acknowledged sr-3f9a0c12be47 by Ravi Patel
 *
 * Anyone can write a note, so a parsed marker is only ever shown as plain text: the id must be
 * exactly of our form and the names are bounded, single-line, and free of control characters.
 */
import { escapeMarkdown } from './markdown-escape.js';

export const reportIdPattern = /^sr-[0-9a-f]{12}$/;
const maxFieldChars = 200;
const maxLineChars = 700;

export interface ReportMarker {
  kind: 'report';
  reportId: string;
  outgoing: string;
  incoming: string;
  window: string;
}

interface AckMarker {
  kind: 'ack';
  reportId: string;
  by: string;
}

export type HandoffMarker = ReportMarker | AckMarker;

/** The first line of a posted report. Names are escaped: the note is read as Markdown. */
export function reportMarkerLine(marker: Omit<ReportMarker, 'kind'>): string {
  return `Onwatch shift report ${marker.reportId} — ${escapeMarkdown(marker.outgoing)} → ${escapeMarkdown(marker.incoming)}, ${escapeMarkdown(marker.window)}`;
}

export function ackMarkerLine(reportId: string, by: string): string {
  return `Onwatch handoff acknowledged ${reportId} by ${escapeMarkdown(by)}`;
}

const reportLine = /^Onwatch shift report (sr-[0-9a-f]{12}) — (.+?) → (.+), ([^,]+)$/;
const ackLine = /^Onwatch handoff acknowledged (sr-[0-9a-f]{12}) by (.+)$/;

/** The marker a note starts with, or undefined for any other note (or a forged, odd one). */
export function parseHandoffMarker(content: string): HandoffMarker | undefined {
  const firstLine = content.slice(0, maxLineChars + 1).split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.length > maxLineChars) return undefined;
  const line = firstLine.trim();
  const report = reportLine.exec(line);
  if (report) {
    const [outgoing, incoming, window] = [report[2]!, report[3]!, report[4]!].map(plainField);
    if (outgoing === undefined || incoming === undefined || window === undefined) return undefined;
    return { kind: 'report', reportId: report[1]!, outgoing, incoming, window };
  }
  const ack = ackLine.exec(line);
  if (ack) {
    const by = plainField(ack[2]!);
    return by === undefined ? undefined : { kind: 'ack', reportId: ack[1]!, by };
  }
  return undefined;
}

/** Undoes escapeMarkdown's marks, then keeps the text only if it is a sane, short name. */
function plainField(text: string): string | undefined {
  const plain = text
    .replace(/\u200b/g, '')
    .replace(/\\([\\`*_[\]()#|<>~&!+=.)-])/g, '$1')
    .replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ')
    .trim();
  if (plain.length === 0 || plain.length > maxFieldChars) return undefined;
  return plain;
}

/** Whether `name` is one of the incoming names (the schedule may list several, comma-joined). */
export function namesInclude(names: string, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return false;
  return names
    .split(',')
    .map((one) => one.trim().toLowerCase())
    .includes(wanted);
}
