import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import manifest from './specs-manifest.json' with { type: 'json' };

/*
 * Where the vendor API specs are. They are not in the repository (specs-manifest.json pins
 * each by URL and hash instead), so every test that reads one asks here: ONWATCH_SPECS_DIR
 * when set, else ../shared/specs beside the repository, else the specs/ folder that
 * `npm run fetch-specs` fills. Without any of them the spec-based tests skip; a folder
 * named explicitly must hold every spec a test asks for.
 */

export interface SpecEntry {
  /** The name tests ask for, and the file's name in the specs folder. */
  file: string;
  url: string;
  sha256: string;
  note?: string;
}

export const specManifest: readonly SpecEntry[] = manifest.specs;

export const specsVariable = 'ONWATCH_SPECS_DIR';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `npm run fetch-specs` puts the specs when ONWATCH_SPECS_DIR is not set (gitignored). */
export const fetchedSpecsDir = path.join(repoRoot, 'specs');

const defaultDirs = [path.resolve(repoRoot, '../shared/specs'), fetchedSpecsDir];

interface SpecsFolder {
  dir: string;
  /** Named by ONWATCH_SPECS_DIR, so a missing spec is an error rather than a skip. */
  explicit: boolean;
}

/** The folder the tests read specs from; relative values are taken from the repo root. */
export function locateSpecs(env: NodeJS.ProcessEnv = process.env): SpecsFolder | undefined {
  const given = env[specsVariable];
  if (given) return { dir: path.resolve(repoRoot, given), explicit: true };
  const found = defaultDirs.find((dir) => existsSync(dir));
  return found ? { dir: found, explicit: false } : undefined;
}

/**
 * The path of a spec, for `describe.skipIf(!file)`: undefined when no folder holds it.
 * Throws when ONWATCH_SPECS_DIR names a folder without it, because a run that asked for the
 * specs must not pass by skipping them.
 */
export function specPath(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // Only manifest entries are checked by CI and fetched by contributors.
  if (!specManifest.some((entry) => entry.file === file)) {
    throw new Error(`${file} is not in test/support/specs-manifest.json; add it there`);
  }
  const folder = locateSpecs(env);
  if (!folder) return undefined;
  const candidate = path.join(folder.dir, file);
  if (existsSync(candidate)) return candidate;
  if (folder.explicit) {
    throw new Error(
      `${specsVariable} is ${folder.dir}, which has no ${file}: ` +
        'run `npm run fetch-specs` or point the variable at the folder holding the vendor specs',
    );
  }
  return undefined;
}

/** The one line a test run prints when spec-based tests skip for want of a spec. */
export function missingSpecsNotice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = locateSpecs(env);
  // A folder named explicitly fails the tests instead.
  if (folder?.explicit) return undefined;
  const advice =
    `set ${specsVariable} to the folder holding the vendor specs ` +
    '(see scripts/fetch-specs.ts, `npm run fetch-specs`)';
  if (!folder) return `API specs not found: ${advice}; skipping the spec-based contract tests`;
  const missing = specManifest.filter((entry) => !existsSync(path.join(folder.dir, entry.file)));
  if (missing.length === 0) return undefined;
  const names = missing.map((entry) => entry.file).join(', ');
  return `API specs missing from ${folder.dir} (${names}): ${advice}; skipping the contract tests that need them`;
}
