import type { SourceConfig } from '../../common/model/source-config.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock } from '../ports/clock.js';
import type { Source } from '../sources/source.js';
import type { SourceSilences } from './shift-report.js';

/** Kinds with nothing of their own to silence: the drill plays, local checks run here. */
const nothingToSilence = new Set<SourceConfig['kind']>(['drill', 'health-checks']);

interface Running {
  config: Pick<SourceConfig, 'id' | 'name' | 'kind' | 'timeoutSeconds'>;
  source: Pick<Source, 'fetchSilences'>;
}

/**
 * Each running source's own silences, read once for a shift report, each within its source's
 * timeout; what is not known (a source that cannot list them, a read that failed) is said.
 */
export async function readProviderSilences(
  running: readonly Running[],
  clock: Clock,
): Promise<{ read: SourceSilences[]; unknown: string[] }> {
  const read: SourceSilences[] = [];
  const failed: string[] = [];
  const cannot: string[] = [];
  await Promise.all(
    running.map(async ({ config, source }) => {
      if (nothingToSilence.has(config.kind)) return;
      if (!source.fetchSilences) {
        cannot.push(config.name);
        return;
      }
      try {
        const silences = await withTimeout(clock, config.timeoutSeconds * 1000, (signal) =>
          source.fetchSilences!(signal),
        );
        read.push({ sourceId: config.id, sourceName: config.name, silences });
      } catch (error) {
        failed.push(`${config.name} (${error instanceof Error ? error.message : String(error)})`);
      }
    }),
  );
  const unknown: string[] = [];
  if (cannot.length > 0) {
    unknown.push(
      `Silences and maintenance windows made outside Onwatch cannot be read from ${cannot.sort().join(', ')}: only snoozes and silences made from Onwatch are listed for ${cannot.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (failed.length > 0) {
    unknown.push(
      `The silences of ${failed.sort().join(', ')} could not be read: only those made from Onwatch are listed.`,
    );
  }
  return { read, unknown };
}
