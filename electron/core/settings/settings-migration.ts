/**
 * Older settings files, brought up to the current format before they are checked. Each step
 * keeps what the responder chose and leaves a file it cannot read for the checker to report.
 */
import { providers } from '../../common/providers/index.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const knowsAssignment = new Set<unknown>(
  providers.filter((p) => p.assignment !== 'none').map((p) => p.kind),
);

export type Migrated = { ok: true; json: unknown } | { ok: false; problem: string };

/**
 * `attention.onlyMine` was one switch for every source; each source now has "Ring for".
 * `true` becomes "My pages" on every source that knows assignment (what it did). `false` was
 * the default, written by any save of the attention settings, so it says nothing the responder
 * chose: it gives way to the new per-kind defaults.
 */
export function migrateSettings(json: unknown): Migrated {
  if (!isObject(json) || !isObject(json.attention) || !('onlyMine' in json.attention)) {
    return { ok: true, json };
  }
  const { onlyMine, ...attention } = json.attention;
  if (typeof onlyMine !== 'boolean') {
    return { ok: false, problem: 'attention.onlyMine: must be true or false' };
  }
  const sources = Array.isArray(json.sources) ? json.sources : undefined;
  return {
    ok: true,
    json: {
      ...json,
      attention,
      ...(sources && {
        sources: sources.map((source: unknown) =>
          onlyMine && isObject(source) && knowsAssignment.has(source.kind) && !('ringFor' in source)
            ? { ...source, ringFor: 'mine' }
            : source,
        ),
      }),
    },
  };
}
