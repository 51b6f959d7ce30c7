import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LabelsTable } from '../../../renderer/features/incidents/labels-table.js';

const rowsOf = (html: string) =>
  [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);

describe('an incident’s name–value tables', () => {
  it('sorts labels by name, keeps details in the source’s order, and labels each by its heading', () => {
    const labels = renderToStaticMarkup(
      createElement(LabelsTable, { labels: { tags: 'prod', monitor: 'healthchecks' } }),
    );
    const details = renderToStaticMarkup(
      createElement(LabelsTable, {
        heading: 'Details',
        labels: { summary: 'late', lastPing: 'never', grace: '5 min' },
        sorted: false,
      }),
    );
    expect(rowsOf(labels)).toEqual(['monitor', 'tags']);
    expect(rowsOf(details)).toEqual(['summary', 'lastPing', 'grace']);
    const heading = /aria-labelledby="([^"]+)"><h2 id="([^"]+)">Details<\/h2>/.exec(details);
    expect(heading?.[1]).toBe(heading?.[2]);
  });

  it('shows nothing for an empty table', () => {
    expect(renderToStaticMarkup(createElement(LabelsTable, { labels: {} }))).toBe('');
  });
});
