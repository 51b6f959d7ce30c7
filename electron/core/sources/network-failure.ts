/**
 * What a failed connection means, in words a responder can act on. `node:http` passes on the OS
 * error (an errno, an OpenSSL code), or an AggregateError of one per address tried when a name
 * has several; an error without a code carries only a message, which is ours to show.
 */
const meanings: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `nothing is listening at ${where} (connection refused)`,
  ECONNRESET: (where) => `the connection to ${where} was reset before it answered`,
  EPIPE: (where) => `the connection to ${where} was closed while sending`,
  ENOTFOUND: (where) => `cannot resolve ${hostOf(where)}: no such host in DNS`,
  EAI_AGAIN: (where) => `cannot resolve ${hostOf(where)}: the DNS lookup failed for now`,
  ETIMEDOUT: (where) => `${where} did not accept a connection in time`,
  EHOSTUNREACH: (where) => `no route to ${where} (host unreachable)`,
  ENETUNREACH: (where) => `no route to ${where} (network unreachable)`,
  ERR_SSL_WRONG_VERSION_NUMBER: (where) =>
    `${where} did not answer with TLS: is it plain http rather than https?`,
  EPROTO: (where) => `the secure (TLS) connection to ${where} failed`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (where) => `${where} sent a self-signed certificate, not trusted`,
  SELF_SIGNED_CERT_IN_CHAIN: (where) => `${where} sent a certificate from an untrusted issuer`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (where) => `${where} sent a certificate that cannot be trusted`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (where) =>
    `${where} sent a certificate from an issuer this machine does not trust`,
  CERT_HAS_EXPIRED: (where) => `${where} sent a certificate that has expired`,
  ERR_TLS_CERT_ALTNAME_INVALID: (where) => `${where} sent a certificate for another host name`,
};

export function networkFailureText(error: unknown, where: string): string {
  const code = innermostCode(error);
  const meaning = code.known ? meanings[code.text] : undefined;
  return meaning ? meaning(where) : `cannot connect to ${where} (${code.text})`;
}

function innermostCode(error: unknown): { text: string; known: boolean } {
  let current: unknown = error;
  let innermost = 'network error';
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return { text: code, known: Object.hasOwn(meanings, code) };
    if (depth > 0 && current.message) innermost = current.message.slice(0, 80);
    current = current instanceof AggregateError ? current.errors[0] : current.cause;
  }
  return { text: innermost, known: false };
}

function hostOf(where: string): string {
  return where.replace(/:\d+$/, '');
}
