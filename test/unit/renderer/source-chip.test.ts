import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../electron/common/model/source-status.js';
import { SourceChip } from '../../../renderer/features/source-status/source-chip.js';

const ok: SourceStatus = {
  id: 'og',
  name: 'Opsgenie',
  kind: 'opsgenie',
  health: 'ok',
  lastSuccessAt: '2026-11-22T09:00:00.000Z',
  consecutiveFailures: 0,
  polling: false,
};

const chip = (source: SourceStatus) =>
  renderToStaticMarkup(createElement(SourceChip, { source, now: Date.parse(ok.lastSuccessAt!) }));

describe('a source chip', () => {
  it('is quiet about a source seen whole', () => {
    const html = chip(ok);
    expect(html).not.toContain('has-gaps');
    expect(html).not.toContain('source-note');
    expect(html).not.toContain('source-replicas');
  });

  it('says what a good poll had to leave out', () => {
    const note = '2 alerts could not be read: id: Invalid input';
    const html = chip({ ...ok, notes: [note] });
    expect(html).toContain('has-gaps');
    expect(html).toContain(`data-testid="source-note">${note}</span>`);
  });

  it('says how many replicas answer, and names the silent one in its tooltip', () => {
    const html = chip({
      ...ok,
      kind: 'alertmanager',
      replicas: [
        { url: '127.0.0.1:9093', answering: false, problem: 'cannot connect (ECONNREFUSED)' },
        { url: '127.0.0.1:9094', answering: true },
        { url: '127.0.0.1:9095' },
      ],
    });
    expect(html).toContain('has-gaps');
    expect(html).toContain(
      'class="chip-replicas is-short" data-testid="source-replicas">1 of 3 replicas answer<',
    );
    expect(html).toContain(
      '127.0.0.1:9093: cannot connect (ECONNREFUSED)\n127.0.0.1:9094: answers\n127.0.0.1:9095: not asked yet',
    );
  });

  it('keeps a blind source’s reason first, without stale notes', () => {
    const html = chip({ ...ok, health: 'blind', lastError: 'no replica answered', notes: ['x'] });
    expect(html).toContain('>no replica answered</span>');
    expect(html).not.toContain('source-note');
  });
});
