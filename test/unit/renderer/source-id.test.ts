import { describe, expect, it } from 'vitest';
import { sourceIdPattern } from '../../../electron/common/model/source-fields.js';
import { deriveSourceId, slugify } from '../../../renderer/lib/source-id.js';

describe('slugify', () => {
  it.each([
    ['Production Alertmanager', 'production-alertmanager'],
    ['  EU / West #2 ', 'eu-west-2'],
    ['Überwachung Zürich', 'uberwachung-zurich'],
    ['---', 'source'],
    ['🔥🔥', 'source'],
  ])('%s → %s', (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it('stays within 40 characters without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(39)} b`);
    expect(slug).toBe('a'.repeat(39));
    expect(slug).toMatch(sourceIdPattern);
  });
});

describe('deriveSourceId', () => {
  it('makes ids the main side takes', () => {
    for (const name of ['Prod', '--EU--', 'ÄÖÜ', '🔥', `${'x'.repeat(60)}-y`]) {
      expect(deriveSourceId(name, [slugify(name)])).toMatch(sourceIdPattern);
    }
  });

  it('uses the slug when it is free', () => {
    expect(deriveSourceId('Prod', ['staging'])).toBe('prod');
  });

  it('adds the first free numeric suffix', () => {
    expect(deriveSourceId('Prod', ['prod', 'prod-2'])).toBe('prod-3');
  });

  it('shortens a long slug to make room for the suffix', () => {
    const long = 'x'.repeat(40);
    const id = deriveSourceId(long, [long]);
    expect(id).toBe(`${'x'.repeat(38)}-2`);
    expect(id).toMatch(sourceIdPattern);
  });
});
