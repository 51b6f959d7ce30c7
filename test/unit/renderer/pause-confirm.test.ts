import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActionPanel } from '../../../renderer/features/incidents/action-panel.js';

describe('the Pause check panel', () => {
  it('asks in words before pausing for everyone, with Pause check and Cancel', () => {
    const html = renderToStaticMarkup(
      createElement(ActionPanel, {
        type: 'pause',
        submitting: false,
        onSubmit: () => {},
        onCancel: () => {},
      }),
    );
    expect(html).toContain('Pause this check for everyone?');
    expect([...html.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((m) => m[1])).toEqual([
      'Pause check',
      'Cancel',
    ]);
  });
});
