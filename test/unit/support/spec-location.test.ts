import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  locateSpecs,
  missingSpecsNotice,
  specManifest,
  specPath,
} from '../../support/spec-location.js';
import { makeTempDir } from '../../support/temp-dir.js';

/*
 * Where the tests find the vendor specs. Only a folder named by ONWATCH_SPECS_DIR is tried
 * here: whether the defaults exist depends on the machine.
 */

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  dir = await makeTempDir('onwatch-spec-location-');
});
afterEach(() => dir.remove());

const file = 'opsgenie-v2.swagger.json';

describe('a folder named by ONWATCH_SPECS_DIR', () => {
  it('gives the path of a spec it holds', async () => {
    await writeFile(path.join(dir.path, file), '{}');
    expect(specPath(file, { ONWATCH_SPECS_DIR: dir.path })).toBe(path.join(dir.path, file));
  });

  it('fails loudly, never skips, when it lacks a spec', () => {
    expect(() => specPath(file, { ONWATCH_SPECS_DIR: dir.path })).toThrow(
      `ONWATCH_SPECS_DIR is ${dir.path}, which has no ${file}`,
    );
    expect(missingSpecsNotice({ ONWATCH_SPECS_DIR: dir.path })).toBeUndefined();
  });

  it('is taken from the repository root when relative', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    expect(locateSpecs({ ONWATCH_SPECS_DIR: 'vendor/specs' })).toEqual({
      dir: path.join(repoRoot, 'vendor/specs'),
      explicit: true,
    });
  });
});

describe('the manifest', () => {
  it('is the only list of specs a test may ask for', () => {
    expect(() => specPath('statuspage-v2.openapi.json', {})).toThrow(
      'statuspage-v2.openapi.json is not in test/support/specs-manifest.json',
    );
  });

  it('pins each spec by a raw.githubusercontent.com URL at a fixed ref, and a sha256', () => {
    for (const entry of specManifest) {
      expect(entry.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[^/]+\/./);
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(specManifest.map((entry) => entry.file)).size).toBe(specManifest.length);
  });
});
