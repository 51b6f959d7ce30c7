import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { TlsCheck } from '../../../../common/providers/health-check-schema.js';
import { networkFailureText } from '../../network-failure.js';
import { PhaseTimer } from './phase-timer.js';
import type { ProbeContext, ProbeResult } from './probe-result.js';
import {
  bare,
  certificateProblem,
  failure,
  peerOf,
  settleOnce,
  skipDnsForAddress,
  timedLookup,
  timedOut,
  tlsFactsOf,
  trustedAuthorities,
} from './socket-events.js';

/**
 * A TLS handshake that never refuses a certificate, so one probe reads the expiry and judges
 * the chain and host name (authorizationError) at once.
 */
export async function probeTls(check: TlsCheck, ctx: ProbeContext): Promise<ProbeResult> {
  const timer = new PhaseTimer(ctx.now, ['dns', 'connect', 'tls']);
  let ca: string[] | undefined;
  try {
    ca = await trustedAuthorities(check.caFile);
  } catch (error) {
    return failure((error as Error).message, 'tls', timer);
  }
  skipDnsForAddress(check.host, timer);
  const host = bare(check.host);
  const servername = check.servername ?? (isIP(host) ? undefined : host);
  const where = `${check.host}:${check.port}`;
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: check.port,
      // SNI takes no address literal; without a name, the host check is against the address.
      ...(servername && { servername }),
      rejectUnauthorized: false,
      ...(ca && { ca }),
      lookup: timedLookup(timer, ctx.signal),
    });
    const settle = settleOnce(
      ctx.signal,
      resolve,
      () => socket.destroy(),
      () => failure(timedOut(ctx, timer), timer.current(), timer),
    );
    socket.once('connect', () => timer.end('connect'));
    socket.once('secureConnect', () => {
      timer.end('tls');
      const tls = tlsFactsOf(socket);
      const seen = { ...peerOf(socket), tls };
      if (tls.authorizationError) {
        settle(failure(certificateProblem(tls.authorizationError, where), 'tls', timer, seen));
        return;
      }
      timer.finish();
      settle({
        ok: true,
        summary: `${tls.protocol ?? 'TLS'} handshake with ${where}`,
        phases: timer.timings(),
        ...seen,
      });
    });
    socket.once('error', (error) =>
      settle(failure(networkFailureText(error, where), timer.current(), timer)),
    );
  });
}
