import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../support/loopback-server.js';
import { checkSpecs, fetchSpec, specUrl } from '../../support/spec-fetch.js';
import type { SpecEntry } from '../../support/spec-location.js';
import { makeTempDir } from '../../support/temp-dir.js';

/*
 * The spec download's hash check, against a loopback file server standing in for
 * raw.githubusercontent.com: nothing here reaches the real host.
 */

const good = '{"openapi":"3.0.0","paths":{}}\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const spec = (file: string, upstreamPath: string): SpecEntry => ({
  file,
  url: `https://raw.githubusercontent.com${upstreamPath}`,
  sha256: sha256(good),
});

/** Upstream paths the server answers, and what with; anything else is a 404. */
const files = new Map([
  ['/acme/api/0123abc/openapi.json', good],
  ['/acme/api/0123abc/tampered.json', good.replace('3.0.0', '3.0.1')],
]);
const served = spec('acme.openapi.json', '/acme/api/0123abc/openapi.json');
const tampered = spec('tampered.openapi.json', '/acme/api/0123abc/tampered.json');
const gone = spec('gone.openapi.json', '/acme/api/0123abc/gone.json');

let server: LoopbackServer;
const requests: string[] = [];
beforeAll(async () => {
  server = await startLoopbackServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const body = files.get(url.replace(/^\/mirror/, ''));
    if (body === undefined) res.writeHead(404, 'Not Found').end('404: Not Found');
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end(body);
  });
});
afterAll(() => server?.stop());

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  dir = await makeTempDir('onwatch-specs-');
  requests.length = 0;
});
afterEach(() => dir.remove());

const options = () => ({ dir: dir.path, baseUrl: server.url });

describe('fetchSpec', () => {
  it('writes a spec whose hash matches, and leaves it be on the next run', async () => {
    await expect(fetchSpec(served, options())).resolves.toBe('fetched');
    expect(await readFile(path.join(dir.path, served.file), 'utf8')).toBe(good);
    expect(await checkSpecs(dir.path, [served])).toEqual([]);

    await expect(fetchSpec(served, options())).resolves.toBe('present');
    expect(requests).toEqual(['/acme/api/0123abc/openapi.json']);
  });

  it('refuses a download with the wrong content and leaves no file behind', async () => {
    await expect(fetchSpec(tampered, options())).rejects.toThrow(
      `tampered.openapi.json: sha256 mismatch for ${server.url}/acme/api/0123abc/tampered.json: ` +
        `expected ${sha256(good)}, got ${sha256(files.get('/acme/api/0123abc/tampered.json')!)}`,
    );
    expect(await readdir(dir.path)).toEqual([]);
    expect(await checkSpecs(dir.path, [tampered])).toEqual([
      `tampered.openapi.json: missing from ${dir.path}`,
    ]);
  });

  it('reports a 404 with the URL it asked, and writes nothing', async () => {
    await expect(fetchSpec(gone, options())).rejects.toThrow(
      `gone.openapi.json: ${server.url}/acme/api/0123abc/gone.json answered 404 Not Found`,
    );
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('replaces a stale copy, and removes it when the download is refused', async () => {
    await writeFile(path.join(dir.path, served.file), 'stale');
    expect(await checkSpecs(dir.path, [served])).toEqual([
      `acme.openapi.json: sha256 is ${sha256('stale')}, the manifest pins ${sha256(good)}`,
    ]);
    await expect(fetchSpec(served, options())).resolves.toBe('fetched');
    expect(await readFile(path.join(dir.path, served.file), 'utf8')).toBe(good);

    await writeFile(path.join(dir.path, tampered.file), 'stale');
    await expect(fetchSpec(tampered, options())).rejects.toThrow(/sha256 mismatch/);
    expect(await readdir(dir.path)).toEqual([served.file]);
  });

  it('asks a mirror for the upstream path under its own', async () => {
    const mirror = `${server.url}/mirror`;
    expect(specUrl(served, mirror)).toBe(`${mirror}/acme/api/0123abc/openapi.json`);
    expect(specUrl(served, `${mirror}/`)).toBe(`${mirror}/acme/api/0123abc/openapi.json`);
    expect(specUrl(served)).toBe(served.url);
    await expect(fetchSpec(served, { dir: dir.path, baseUrl: mirror })).resolves.toBe('fetched');
    expect(requests).toEqual(['/mirror/acme/api/0123abc/openapi.json']);
  });
});
