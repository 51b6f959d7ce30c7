import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providers } from '../../../electron/common/providers/index.js';

/** Every renderer source file and its text. */
function rendererSources(dir = 'renderer'): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return rendererSources(path);
    return /\.tsx?$/.test(entry.name)
      ? [[path, readFileSync(path, 'utf8')] as [string, string]]
      : [];
  });
}

const filesContaining = (needle: string | RegExp) =>
  rendererSources()
    .filter(([, text]) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text)))
    .map(([path]) => path);

/**
 * The renderer reads provider knowledge from the ground floor's descriptors. A provider's
 * kind, host or id rule written into a renderer file would be a copy that can drift.
 */
describe('the renderer holds no copy of provider knowledge', () => {
  it.each(providers.map((p) => p.kind))('never names the %s kind itself', (kind) => {
    expect(filesContaining(new RegExp(`['"\`]${kind}['"\`]`))).toEqual([]);
  });

  const hosts = providers.flatMap((p) =>
    'publicApi' in p
      ? (['us', 'eu'] as const).map((region) => new URL(p.publicApi({ region } as never)).host)
      : [],
  );

  it.each([...new Set(hosts)])('never names the public host %s', (host) => {
    expect(filesContaining(host)).toEqual([]);
  });

  it('never restates the source id rule', () => {
    expect(filesContaining('[a-z0-9-]{0,')).toEqual([]);
  });
});
