import { connect } from 'node:net';
import type { TcpCheck } from '../../../../common/providers/health-check-schema.js';
import { networkFailureText } from '../../network-failure.js';
import { PhaseTimer } from './phase-timer.js';
import type { ProbeContext, ProbeResult } from './probe-result.js';
import {
  bare,
  failure,
  peerOf,
  settleOnce,
  skipDnsForAddress,
  timedLookup,
  timedOut,
} from './socket-events.js';

/** Passes when host:port accepts a connection; closes it at once. */
export function probeTcp(check: TcpCheck, ctx: ProbeContext): Promise<ProbeResult> {
  const timer = new PhaseTimer(ctx.now, ['dns', 'connect']);
  skipDnsForAddress(check.host, timer);
  const where = `${check.host}:${check.port}`;
  return new Promise((resolve) => {
    const socket = connect({
      host: bare(check.host),
      port: check.port,
      lookup: timedLookup(timer, ctx.signal),
    });
    const settle = settleOnce(
      ctx.signal,
      resolve,
      () => socket.destroy(),
      () => failure(timedOut(ctx, timer), timer.current(), timer),
    );
    socket.once('connect', () => {
      timer.end('connect');
      timer.finish();
      settle({
        ok: true,
        summary: `connected to ${where}`,
        phases: timer.timings(),
        ...peerOf(socket),
      });
    });
    socket.once('error', (error) =>
      settle(failure(networkFailureText(error, where), timer.current(), timer)),
    );
  });
}
