import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A key and certificate in PEM. */
export interface KeyPair {
  key: string;
  cert: string;
}

/** A test CA (its certificate on disk for `caFile`) and the server certificates it signed. */
export interface CheckCertificates {
  caPath: string;
  /** For 127.0.0.1 and localhost, 30 days. */
  valid: KeyPair;
  /** For 127.0.0.1, ends in 5 days and a few hours. */
  expiringSoon: KeyPair;
  /** Ended yesterday. */
  expired: KeyPair;
  /** For other.example only. */
  wrongHost: KeyPair;
}

const dayMs = 24 * 60 * 60_000;

/** openssl's ASN.1 time, e.g. 261202101547Z. */
const asn1Time = (ms: number) =>
  new Date(ms).toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

/**
 * Certificates for the TLS and HTTPS checks' tests, made with `openssl ca` so their dates can
 * lie in the past (an expired one) or a few days ahead.
 */
export async function makeCheckCertificates(dir: string): Promise<CheckCertificates> {
  const path = (name: string) => join(dir, name);
  await writeFile(path('index.txt'), '');
  await writeFile(path('serial'), '1000\n');
  await writeFile(
    path('ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${path('index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${path('serial')}`,
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-days',
    '30',
    '-subj',
    '/O=Onwatch Test CA/CN=Onwatch Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=keyCertSign,cRLSign',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
  ]);
  const now = Date.now();
  const leaf = async (name: string, san: string, from: number, until: number) => {
    await writeFile(path(`${name}.ext`), `subjectAltName=${san}\n`);
    await run('openssl', [
      'req',
      ...ec,
      '-subj',
      `/CN=${name}`,
      '-keyout',
      path(`${name}.key`),
      '-out',
      path(`${name}.csr`),
    ]);
    await run('openssl', [
      'ca',
      '-batch',
      '-notext',
      '-config',
      path('ca.cnf'),
      '-cert',
      path('ca.pem'),
      '-keyfile',
      path('ca.key'),
      '-in',
      path(`${name}.csr`),
      '-out',
      path(`${name}.pem`),
      '-startdate',
      asn1Time(from),
      '-enddate',
      asn1Time(until),
      '-extfile',
      path(`${name}.ext`),
    ]);
    return {
      key: await readFile(path(`${name}.key`), 'utf8'),
      cert: await readFile(path(`${name}.pem`), 'utf8'),
    };
  };
  return {
    caPath: path('ca.pem'),
    valid: await leaf('valid', 'IP:127.0.0.1,DNS:localhost', now - dayMs, now + 30 * dayMs),
    expiringSoon: await leaf('expiring', 'IP:127.0.0.1', now - dayMs, now + 5.2 * dayMs),
    expired: await leaf('expired', 'IP:127.0.0.1', now - 3 * dayMs, now - dayMs),
    wrongHost: await leaf('wrong-host', 'DNS:other.example', now - dayMs, now + 30 * dayMs),
  };
}
