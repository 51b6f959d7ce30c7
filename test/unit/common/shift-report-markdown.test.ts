import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../electron/common/model/shift-report.js';
import { escapeMarkdown, markdownLink } from '../../../electron/common/markdown-escape.js';
import {
  shiftReportMarkdown,
  shiftReportNote,
} from '../../../electron/common/shift-report-markdown.js';
import { maxNoteChars } from '../../../electron/common/model/action.js';
import { parseHandoffMarker } from '../../../electron/common/handoff-marker.js';

/**
 * As GFM renders it, unsanitized, so any markup a title smuggled in would show: the window
 * sanitizes on top, but the Markdown must be safe in any reader the report is pasted into.
 */
function html(markdown: string): string {
  return renderToStaticMarkup(
    createElement(Markdown, { remarkPlugins: [remarkGfm], skipHtml: false }, markdown),
  );
}

const hostile =
  'Disk [91%](javascript:alert(1)) <img src=x onerror=alert(1)> | **bold** `code` ~~x~~ &amp;\n# forged heading';

const report: ShiftReport = {
  id: 'sr-0123456789ab',
  sourceId: 'pd',
  scheduleId: 'P1',
  scheduleName: 'Checkout | <b>primary</b>',
  start: '2026-12-01T09:00:00.000Z',
  end: '2026-12-02T09:00:00.000Z',
  cutAt: '2026-12-02T09:00:00.000Z',
  timeZone: 'UTC',
  outgoing: 'Ana',
  incoming: '[Ravi](https://evil.example)',
  pages: { total: 1, high: 1, low: 0, night: 0, day: 1 },
  incidents: [
    {
      key: 'pd:1',
      number: '#12',
      title: hostile,
      sourceName: 'PagerDuty',
      urgency: 'high',
      webUrl: 'https://acme.pagerduty.com/incidents/Q1 (x)',
      triggeredAt: '2026-12-01T10:00:00.000Z',
      night: false,
      acknowledgedAt: '2026-12-01T10:04:00.000Z',
      timeToAckMs: 4 * 60_000,
      acknowledgedBy: 'Ana',
      state: 'acknowledged',
    },
  ],
  stillOpen: [
    {
      key: 'pd:1',
      title: hostile,
      sourceName: 'PagerDuty',
      status: 'acknowledged',
      urgency: 'high',
      owners: ['Ana'],
      webUrl: 'javascript:alert(1)',
      takesNotes: true,
    },
  ],
  posted: [],
  endingNextShift: [],
  blind: [],
  covers: [],
  notAvailable: [],
};

describe('shift report Markdown', () => {
  it('escapes hostile titles: no link, image, HTML, emphasis, code or heading is made from them', () => {
    const markdown = shiftReportMarkdown(report);
    const out = html(markdown);
    for (const tag of ['<img', '<b>', '<em>', '<code>', '<del>', '<h1>forged']) {
      expect(out, tag).not.toContain(tag);
    }
    // The report's own labels are its only bold text.
    expect(out.match(/<strong>[^<]*<\/strong>/g)).toEqual([
      '<strong>Outgoing:</strong>',
      '<strong>Incoming:</strong>',
      '<strong>Shift:</strong>',
      '<strong>As of:</strong>',
      '<strong>acknowledged</strong>',
    ]);
    // The only link is the provider's https page, percent-encoded where it would break out.
    expect(out.match(/href="[^"]*"/g)).toEqual([
      'href="https://acme.pagerduty.com/incidents/Q1%20%28x%29"',
    ]);
    // The incident table keeps its five columns despite the pipe in the title.
    const firstRow = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(out)?.[1] ?? '';
    expect(firstRow.match(/<td>/g)).toHaveLength(5);
    // And the text reads as written.
    expect(out).toContain(
      'Disk [91%](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; | **bold**',
    );
  });

  it('escapes hostile silence comments, creators and matchers, and says who made each', () => {
    const markdown = shiftReportMarkdown({
      ...report,
      endingNextShift: [
        {
          kind: 'silence',
          title: 'ignored',
          endsAt: '2026-12-02T12:00:00.000Z',
          madeAt: 'provider',
          sourceName: 'Alertmanager',
          matchers: 'alertname=~"<script>x</script>|[a](javascript:1)"',
          createdBy: '**root** <img src=x>',
          comment: hostile,
        },
        {
          kind: 'silence',
          title: 'ignored',
          endsAt: '2026-12-02T13:00:00.000Z',
          madeAt: 'here',
          sourceName: 'Alertmanager',
          matchers: 'alertname="Disk"',
          createdBy: 'onwatch (Ana)',
          comment: 'Acknowledged in Onwatch',
        },
      ],
    });
    const section = markdown.split('## Ending during the next shift')[1]!.split('\n## ')[0]!;
    const out = html(section);
    for (const tag of ['<script', '<img', '<strong>', '<a ', '<h1>']) {
      expect(out, tag).not.toContain(tag);
    }
    expect(out.match(/<li>/g)).toHaveLength(2);
    expect(out).toContain('silence (made at the provider) on Alertmanager');
    expect(out).toContain('by **root** &lt;img src=x&gt;');
    expect(out).toContain(
      'silence (made here) on Alertmanager: alertname=&quot;Disk&quot; by onwatch (Ana)',
    );
  });

  it('escapes a leading list or heading marker and folds line breaks', () => {
    expect(escapeMarkdown('1. first\n- second')).toBe('1\\. first - second');
    expect(
      html(escapeMarkdown('see https://evil.example, www.evil.example or a@evil.example')),
    ).not.toContain('href');
    expect(escapeMarkdown('- x')).toBe('\\- x');
    expect(markdownLink('x', 'data:text/html,hi')).toBe('x');
  });

  it('adds the watch items as the responder wrote them, one bullet per line, without raw HTML', () => {
    const markdown = shiftReportMarkdown(report, 'db-replica-2 at 91%\n\n- **watch** <script>');
    expect(markdown).toContain('## Watch items\n\n- db-replica-2 at 91%\n- **watch** \\<script\\>');
    expect(html(markdown)).not.toContain('<script');
  });

  it('cuts a note to the longest note Onwatch sends, and says so', () => {
    const long = shiftReportNote(report, 'x'.repeat(maxNoteChars));
    expect(long.length).toBeLessThanOrEqual(maxNoteChars);
    expect(long).toContain('[cut short: the whole report is in Onwatch]');
    expect(long.startsWith('Onwatch shift report sr-0123456789ab — ')).toBe(true);
  });

  it('leads a note with the handoff marker, which reads back as written', () => {
    const note = shiftReportNote(report);
    const [first, blank, ...rest] = note.split('\n');
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe(shiftReportMarkdown(report));
    expect(parseHandoffMarker(first!)).toEqual({
      kind: 'report',
      reportId: 'sr-0123456789ab',
      outgoing: 'Ana',
      incoming: '[Ravi](https://evil.example)',
      window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC',
    });
    // In Markdown the marker line shows no link made of the incoming name.
    expect(html(first!)).not.toContain('href');
  });
});
