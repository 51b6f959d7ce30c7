/**
 * Downloads the vendor API specs the contract tests read, as pinned in
 * test/support/specs-manifest.json, and refuses any whose sha256 differs.
 *
 *   npm run fetch-specs                       into $ONWATCH_SPECS_DIR, else specs/ (gitignored)
 *   npm run fetch-specs -- --dir <folder>     into another folder
 *   npm run fetch-specs -- --base-url <url>   from a mirror of the upstream hosts (or
 *                                             ONWATCH_SPECS_BASE_URL)
 *   npm run check-specs                       download nothing: check the folder the tests
 *                                             read (or --dir) holds every spec, unaltered
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSpecs, fetchSpec, SpecFetchError } from '../test/support/spec-fetch.js';
import {
  fetchedSpecsDir,
  locateSpecs,
  specManifest,
  specsVariable,
} from '../test/support/spec-location.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    'base-url': { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});

process.exitCode = values.check ? await check() : await fetchAll();

async function check(): Promise<number> {
  const dir = values.dir ? path.resolve(values.dir) : locateSpecs()?.dir;
  if (!dir) {
    console.error(`No specs folder: set ${specsVariable} or pass --dir.`);
    return 1;
  }
  if (!existsSync(dir)) {
    console.error(`No specs folder at ${dir}.`);
    return 1;
  }
  const problems = await checkSpecs(dir, specManifest);
  if (problems.length === 0) {
    console.log(`All ${specManifest.length} specs present and unaltered in ${dir}.`);
    return 0;
  }
  console.error(`The contract tests cannot run as pinned:\n  ${problems.join('\n  ')}`);
  return 1;
}

async function fetchAll(): Promise<number> {
  const read = locateSpecs();
  const dir = values.dir ? path.resolve(values.dir) : read?.explicit ? read.dir : fetchedSpecsDir;
  const baseUrl = values['base-url'] ?? process.env.ONWATCH_SPECS_BASE_URL;
  let failures = 0;
  for (const entry of specManifest) {
    try {
      const outcome = await fetchSpec(entry, { dir, baseUrl });
      console.log(`${outcome === 'fetched' ? 'fetched' : 'already there'}: ${entry.file}`);
    } catch (error) {
      if (!(error instanceof SpecFetchError)) throw error;
      console.error(error.message);
      failures += 1;
    }
  }
  if (failures > 0) {
    console.error(`${failures} of ${specManifest.length} specs could not be fetched into ${dir}.`);
    return 1;
  }
  // --dir, or a default folder that test/support/spec-location.ts finds first, can leave the
  // tests reading elsewhere.
  if (locateSpecs()?.dir !== dir) {
    console.log(`The tests read specs from ${dir} only with ${specsVariable}=${dir}.`);
  }
  return 0;
}
