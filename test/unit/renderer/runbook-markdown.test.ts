import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fillText, RunbookMarkdown } from '../../../renderer/features/runbooks/runbook-markdown.js';

const render = (markdown: string, values: Record<string, string> = {}) =>
  renderToStaticMarkup(createElement(RunbookMarkdown, { markdown, values }));

describe('runbook prose', () => {
  it('fills placeholders in as text: a value full of markup stays text', () => {
    const html = render('Pod **{{labels.pod}}** in `{{labels.namespace}}`', {
      'labels.pod': '<img src=x onerror=alert(1)> [link](javascript:alert(1))',
      'labels.namespace': '</code><script>',
    });
    expect(html).toContain(
      '<strong>&lt;img src=x onerror=alert(1)&gt; [link](javascript:alert(1))</strong>',
    );
    expect(html).toContain('<code>&lt;/code&gt;&lt;script&gt;</code>');
    expect(html).not.toMatch(/<img|<script|href="javascript/);
  });

  it('drops raw HTML, keeps only http(s) links, and never loads an image', () => {
    const html = render(
      [
        '<b onclick="x()">bold?</b> <script>alert(1)</script>',
        '',
        '[ok](https://grafana.example/d/x?var={{labels.service}}) [bad](javascript:alert(1)) [file](file:///etc/passwd)',
        '',
        '![graph](https://evil.example/pixel.png)',
      ].join('\n'),
      { 'labels.service': 'a b&c' },
    );
    expect(html).not.toMatch(/<script|onclick|<b>|<img/);
    expect(html).toContain(
      'href="https://grafana.example/d/x?var=a%20b%26c" target="_blank" rel="noopener noreferrer"',
    );
    expect(html).not.toMatch(/javascript:|file:/);
    expect(html).toContain('<span class="unsafe-link">bad</span>');
    expect(html).toContain('[image: graph]');
  });

  it('leaves a placeholder the incident has no value for as written', () => {
    expect(fillText('on {{labels.node}} now', {})).toBe('on {{labels.node}} now');
    expect(fillText('{{source}}: {{incident.id}}', { source: 'am', 'incident.id': '42' })).toBe(
      'am: 42',
    );
  });
});
