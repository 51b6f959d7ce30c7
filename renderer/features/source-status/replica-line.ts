import type { ReplicaStatus } from '../../../electron/common/model/source-status.js';

/**
 * How a source's replicas answer, in a few words for the chip and one line per replica for
 * its tooltip: "1 of 2 replicas answer" tells a responder the cluster has lost its spare.
 */
export function replicaLine(replicas: readonly ReplicaStatus[]): {
  summary: string;
  someDown: boolean;
  details: string[];
} {
  const answering = replicas.filter((replica) => replica.answering === true).length;
  const down = replicas.filter((replica) => replica.answering === false).length;
  const details = replicas.map(({ url, answering: answers, problem }) =>
    answers === true
      ? `${url}: answers`
      : answers === false
        ? `${url}: ${problem ?? 'no answer'}`
        : `${url}: not asked yet`,
  );
  return {
    summary: `${answering} of ${replicas.length} replicas answer`,
    someDown: down > 0,
    details,
  };
}
