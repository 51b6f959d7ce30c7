import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A name in the reserved `.invalid` domain (RFC 6761): no resolver anywhere answers it. */
export const switchedHost = 'onwatch-source.invalid';

/**
 * Preloaded into the app under test: while the flag file is absent, `switchedHost` resolves to
 * 127.0.0.1; while it exists, the name goes to the system resolver, which fails it as it fails
 * every `.invalid` name. Only that name is touched; the app's code is not.
 */
const hookSource = `
import dns from 'node:dns';
import { existsSync } from 'node:fs';
const host = ${JSON.stringify(switchedHost)};
const down = process.env.ONWATCH_TEST_DNS_DOWN_FILE;
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  const name = hostname === host && !existsSync(down) ? '127.0.0.1' : hostname;
  return lookup.call(this, name, ...rest);
};
`;

/**
 * A DNS outage for one host name, as the app under test lives it: its lookups of
 * `switchedHost` fail for real while `fail(true)` holds. Start the app with `nodeArgs` and `env`.
 */
export async function dnsSwitch(dir: string) {
  const hook = join(dir, 'dns-switch-hook.mjs');
  const downFile = join(dir, 'dns-down');
  await writeFile(hook, hookSource);
  return {
    nodeArgs: ['--import', hook],
    env: { ONWATCH_TEST_DNS_DOWN_FILE: downFile },
    fail: async (down: boolean) => {
      if (down) await writeFile(downFile, '');
      else await rm(downFile, { force: true });
    },
  };
}
