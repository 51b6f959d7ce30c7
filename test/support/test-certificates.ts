import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A key and certificate in PEM, and where the certificate is on disk. */
export interface TestCertificate {
  key: string;
  cert: string;
  certPath: string;
}

/**
 * A self-signed certificate for 127.0.0.1, made with `openssl` at test time (Node can read
 * certificates but not make them). Nothing trusts it unless told to, e.g. with
 * NODE_EXTRA_CA_CERTS=certPath; a second one stays untrusted.
 */
export async function makeTestCertificate(dir: string, name: string): Promise<TestCertificate> {
  const keyPath = join(dir, `${name}.key.pem`);
  const certPath = join(dir, `${name}.cert.pem`);
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=onwatch-test-${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
  } catch (error) {
    throw new Error(
      `making a test certificate needs openssl (apt-get install openssl): ${(error as Error).message}`,
    );
  }
  return {
    key: await readFile(keyPath, 'utf8'),
    cert: await readFile(certPath, 'utf8'),
    certPath,
  };
}
