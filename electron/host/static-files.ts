import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * The bundle's scripts, styles, images, sounds and fonts hold no data, and the page loads them
 * without the token. Everything else needs it, so `/INDEX.HTML` on a case-insensitive disk or
 * a name the list does not know is never served to a stranger.
 */
const publicExtensions = new Set(['.js', '.css', '.png', '.wav', '.svg', '.woff2', '.ico']);

export function isPublicAsset(path: string): boolean {
  return publicExtensions.has(extname(path));
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads a file of the built renderer; undefined if it is missing. `path` must come from
 * parseRequestTarget, which has already refused `..` and separators hidden in a segment.
 */
export async function readStaticFile(root: string, path: string): Promise<StaticFile | undefined> {
  try {
    return {
      body: await readFile(join(root, path)),
      contentType: contentTypes[extname(path)] ?? 'application/octet-stream',
    };
  } catch {
    return undefined;
  }
}
