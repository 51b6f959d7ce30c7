import { describe, expect, it } from 'vitest';
import {
  isPlaceholderPath,
  scanPlaceholders,
  splitPlaceholders,
} from '../../../electron/common/runbook-placeholders.js';

describe('runbook placeholders', () => {
  it('knows labels, annotations, the incident id and URL, and the source', () => {
    for (const path of [
      'labels.pod',
      'annotations.summary',
      'incident.id',
      'incident.url',
      'source',
    ]) {
      expect(isPlaceholderPath(path), path).toBe(true);
    }
    for (const path of ['labels', 'labels.', 'incident.title', 'env.HOME', 'label.pod']) {
      expect(isPlaceholderPath(path), path).toBe(false);
    }
  });

  it('finds placeholders with their offsets, spaces and the raw filter allowed', () => {
    const { tokens, problems } = scanPlaceholders(
      'a {{labels.pod}} b {{ source }} {{labels.x | raw}}',
    );
    expect(problems).toEqual([]);
    expect(tokens.map(({ start, path, raw }) => ({ start, path, raw }))).toEqual([
      { start: 2, path: 'labels.pod', raw: false },
      { start: 19, path: 'source', raw: false },
      { start: 32, path: 'labels.x', raw: true },
    ]);
  });

  it('reports unknown names and filters', () => {
    const { tokens, problems } = scanPlaceholders(
      '{{incident.title}} {{lables.pod}} {{labels.a | upper}}',
    );
    expect(tokens).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^unknown placeholder \{\{incident\.title\}\}; a runbook may use/),
      expect.stringMatching(/^unknown placeholder \{\{lables\.pod\}\}/),
      expect.stringMatching(/^unknown filter in \{\{labels\.a \| upper\}\}/),
    ]);
  });

  it('leaves Go templates and Hugo shortcodes alone', () => {
    const text =
      '{{ .Labels.alertname }} {{range .items}}{{.metadata.name}}{{end}} {{- end }} {{json .}} {{< hint info >}} {{sources}}';
    expect(scanPlaceholders(text)).toEqual({ tokens: [], problems: [] });
  });

  it('cuts prose into text and placeholders for filling in as text', () => {
    expect(splitPlaceholders('Pod {{labels.pod}} in {{labels.ns}}.')).toEqual([
      { text: 'Pod ' },
      { placeholder: expect.objectContaining({ path: 'labels.pod' }) },
      { text: ' in ' },
      { placeholder: expect.objectContaining({ path: 'labels.ns' }) },
      { text: '.' },
    ]);
  });
});
