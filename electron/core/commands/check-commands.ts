import { CommandError } from '../../common/contract/command-error.js';
import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import { quotedExcerpt } from '../../common/excerpt.js';
import type { HealthChecksSourceConfig, SourceConfig } from '../../common/model/source-config.js';
import { checkIdOf, type HealthCheck } from '../../common/providers/health-check-schema.js';
import {
  healthChecksDescriptor,
  healthChecksSourceConfigSchema,
} from '../../common/providers/health-checks.js';
import type { SourceSupervisor } from '../engine/source-supervisor.js';
import type { LiveSettings } from '../settings/live-settings.js';
import { toSourceError } from '../sources/source-error.js';

export interface CheckCommandContext {
  settings: LiveSettings;
  supervisor: SourceSupervisor;
  reconcile(restart?: ReadonlySet<string>): Promise<void>;
}

type CheckCommands = Pick<CommandHandlers, 'saveCheck' | 'removeCheck' | 'runCheck'>;

/** The source a Checks page makes when the responder adds a first local check. */
const newSourceId = 'local-checks';
const newSourceName = 'Local checks';

const failed = (message: string) => new CommandError({ code: 'failed', message });

/**
 * One local check at a time, written into its source's settings; the source restarts with it,
 * and every check whose settings did not change keeps its standing (see HealthChecksSource).
 */
export function checkCommands(context: CheckCommandContext): CheckCommands {
  const { settings, supervisor, reconcile } = context;
  const localSources = () =>
    settings.current.sources.filter(
      (source): source is HealthChecksSourceConfig => source.kind === healthChecksDescriptor.kind,
    );
  const localSource = (id: string) => {
    const found = localSources().find((source) => source.id === id);
    if (!found) throw failed(`There is no local-checks source with the id ${quotedExcerpt(id)}.`);
    return found;
  };
  const saveSources = async (sources: SourceConfig[], changed: string) => {
    await settings.save({ ...settings.current, sources });
    await reconcile(new Set([changed]));
  };

  return {
    saveCheck: async ({ sourceId, checkId, check }) => {
      const target = sourceId ? localSource(sourceId) : localSources()[0];
      if (!target) {
        const id = freeSourceId(settings.current.sources);
        const config = parsed({ kind: 'health-checks', id, name: newSourceName, checks: [check] });
        await saveSources([...settings.current.sources, config], id);
        return { sourceId: id, checkId: checkIdOf(check.name) };
      }
      if (checkId && !target.checks.some((c) => checkIdOf(c.name) === checkId)) {
        throw failed(`${target.name} has no check ${quotedExcerpt(checkId)}; it may be gone.`);
      }
      const checks: HealthCheck[] = checkId
        ? target.checks.map((c) => (checkIdOf(c.name) === checkId ? check : c))
        : [...target.checks, check];
      const config = parsed({ ...target, checks });
      const sources = settings.current.sources.map((s) => (s.id === target.id ? config : s));
      await saveSources(sources, target.id);
      return { sourceId: target.id, checkId: checkIdOf(check.name) };
    },
    removeCheck: async ({ sourceId, checkId }) => {
      const target = localSource(sourceId);
      const checks = target.checks.filter((c) => checkIdOf(c.name) !== checkId);
      if (checks.length === target.checks.length) return {}; // already gone
      // A source holds at least one check: the last one takes its source with it.
      const sources =
        checks.length === 0
          ? settings.current.sources.filter((s) => s.id !== target.id)
          : settings.current.sources.map((s) => (s.id === target.id ? { ...target, checks } : s));
      await saveSources(sources, target.id);
      return {};
    },
    runCheck: async ({ sourceId, checkId }) => {
      const source = supervisor.get(sourceId)?.source;
      if (!source?.runCheck) throw failed(`The source ${quotedExcerpt(sourceId)} probes nothing.`);
      try {
        return await source.runCheck(checkId);
      } catch (error) {
        throw failed(toSourceError(error).message);
      }
    },
  };
}

/** The source with its defaults filled in; two checks of one name are the form's to fix. */
function parsed(input: unknown): HealthChecksSourceConfig {
  const result = healthChecksSourceConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    // Issues about one check of the list are about the check the form sent.
    path: issue.path[0] === 'checks' ? ['check', ...issue.path.slice(2).map(String)] : ['check'],
    message: issue.message,
  }));
  throw new CommandError({
    code: 'invalid-request',
    message: issues.map((issue) => issue.message).join('; '),
    issues,
  });
}

function freeSourceId(sources: readonly SourceConfig[]): string {
  const taken = new Set(sources.map((source) => source.id));
  let id = newSourceId;
  for (let n = 2; taken.has(id); n++) id = `${newSourceId}-${n}`;
  return id;
}
