import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpecEntry } from './spec-location.js';

/*
 * Downloading and checking the pinned vendor specs (scripts/fetch-specs.ts is the command).
 * A spec in the folder always has the manifest's hash: a download that differs is refused
 * before it reaches the disk, and a stale copy is removed before it is replaced.
 */

/** A spec that could not be had, with a message fit to print as it is. */
export class SpecFetchError extends Error {
  override name = 'SpecFetchError';
}

export interface FetchOptions {
  dir: string;
  /** A mirror of the upstream hosts: each URL's path is requested under it instead. */
  baseUrl?: string;
}

/** Where one spec is downloaded from. */
export function specUrl(entry: SpecEntry, baseUrl?: string): string {
  if (!baseUrl) return entry.url;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(new URL(entry.url).pathname.slice(1), base).href;
}

/** Downloads one spec into `dir` unless a copy with the right hash is there already. */
export async function fetchSpec(
  entry: SpecEntry,
  options: FetchOptions,
): Promise<'fetched' | 'present'> {
  const target = path.join(options.dir, entry.file);
  const existing = await sha256Of(target);
  if (existing === entry.sha256) return 'present';
  if (existing) await rm(target);

  const url = specUrl(entry, options.baseUrl);
  let body: Buffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) {
      throw new SpecFetchError(
        `${entry.file}: ${url} answered ${response.status} ${response.statusText}`,
      );
    }
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof SpecFetchError) throw error;
    throw new SpecFetchError(`${entry.file}: could not download ${url}: ${String(error)}`);
  }
  const actual = sha256(body);
  if (actual !== entry.sha256) {
    throw new SpecFetchError(
      `${entry.file}: sha256 mismatch for ${url}: expected ${entry.sha256}, got ${actual}; ` +
        'the download was discarded',
    );
  }
  await mkdir(options.dir, { recursive: true });
  // Renamed into place, so an interrupted write never leaves a truncated spec behind.
  const part = `${target}.part`;
  try {
    await writeFile(part, body);
    await rename(part, target);
  } finally {
    await rm(part, { force: true });
  }
  return 'fetched';
}

/** What is wrong with the specs in `dir`: missing files and wrong hashes; empty when none. */
export async function checkSpecs(dir: string, entries: readonly SpecEntry[]): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of entries) {
    const actual = await sha256Of(path.join(dir, entry.file));
    if (!actual) problems.push(`${entry.file}: missing from ${dir}`);
    else if (actual !== entry.sha256) {
      problems.push(`${entry.file}: sha256 is ${actual}, the manifest pins ${entry.sha256}`);
    }
  }
  return problems;
}

async function sha256Of(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
