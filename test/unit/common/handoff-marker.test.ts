import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import {
  ackMarkerLine,
  namesInclude,
  parseHandoffMarker,
  reportMarkerLine,
} from '../../../electron/common/handoff-marker.js';

const id = 'sr-3f9a0c12be47';

describe('handoff markers', () => {
  it('reads back a report marker and an ack marker, names with marks included', () => {
    const line = reportMarkerLine({
      reportId: id,
      outgoing: 'Ana *the* <b>best</b>',
      incoming: 'Ravi Patel, Mei Chen',
      window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC',
    });
    expect(parseHandoffMarker(`${line}\n\n# Shift report: Checkout\n`)).toEqual({
      kind: 'report',
      reportId: id,
      outgoing: 'Ana *the* <b>best</b>',
      incoming: 'Ravi Patel, Mei Chen',
      window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC',
    });
    expect(parseHandoffMarker(`${ackMarkerLine(id, 'Ravi [x](javascript:1)')}\n\n(ref)`)).toEqual({
      kind: 'ack',
      reportId: id,
      by: 'Ravi [x](javascript:1)',
    });
  });

  it('ignores notes that only look like markers', () => {
    const fakes = [
      'Please read: Onwatch shift report sr-3f9a0c12be47 — a → b, c', // not the first line
      'Onwatch shift report sr-<script> — a → b, c',
      'Onwatch shift report sr-3f9a0c12be4 — a → b, c', // id one short
      'Onwatch shift report sr-3F9A0C12BE47 — a → b, c',
      `Onwatch shift report ${id} — ${'x'.repeat(300)} → b, c`,
      `Onwatch shift report ${id} — \u0000\u200b → b, c`,
      `Onwatch handoff acknowledged ${id} by `,
      `Onwatch handoff acknowledged ${id}by Ravi`,
      `Onwatch handoff acknowledged ${id} by ${'y'.repeat(5000)}`,
      '',
      'x'.repeat(100_000),
    ];
    for (const note of fakes) expect(parseHandoffMarker(note), note.slice(0, 60)).toBeUndefined();
  });

  it('keeps odd text that parses as plain, single-line text; Markdown makes no markup of it', () => {
    const marker = parseHandoffMarker(
      `Onwatch handoff acknowledged ${id} by <img src=x onerror=alert(1)>\u202e\u0007 evil`,
    );
    expect(marker).toEqual({ kind: 'ack', reportId: id, by: '<img src=x onerror=alert(1)> evil' });
    // Written back the way Onwatch writes markers, it stays text in any Markdown reader.
    const html = renderToStaticMarkup(
      createElement(
        Markdown,
        { remarkPlugins: [remarkGfm], skipHtml: false },
        ackMarkerLine(id, marker!.kind === 'ack' ? marker!.by : ''),
      ),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; evil');
  });

  it('matches a name among the incoming names', () => {
    expect(namesInclude('Ravi Patel, Mei Chen', ' mei chen ')).toBe(true);
    expect(namesInclude('Ravi Patel', 'Ravi')).toBe(false);
    expect(namesInclude('Ravi Patel', ' ')).toBe(false);
  });
});
