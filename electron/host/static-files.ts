import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer; undefined for anything outside `root` or missing. */
export async function readStaticFile(
  root: string,
  urlPath: string,
): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  if (relative.startsWith('..') || !path.startsWith(root.endsWith(sep) ? root : root + sep))
    return undefined;
  try {
    return {
      body: await readFile(path),
      contentType: contentTypes[extname(path)] ?? 'application/octet-stream',
    };
  } catch {
    return undefined;
  }
}
