import type { Incident } from '../../common/model/incident.js';
import type { SourceKind } from '../../common/model/source-config.js';

type Apply = (sourceId: string, incidents: readonly Incident[]) => void;

/**
 * While an Opsgenie source and its Jira Service Management successor run side by side (the
 * move from Opsgenie), a migrated alert arrives twice, once from each, under the same alias.
 * The JSM copy is the one shown (it is where the account is going): an Opsgenie alert whose
 * alias a JSM source lists is left out of its source's snapshot, and comes back as soon as no
 * JSM source lists it. Goes with Opsgenie's support, whose API ends on 2027-04-05.
 */
export class MigrationTwins {
  /** Each Opsgenie source's latest snapshot as polled, before twins were left out. */
  private readonly opsgenie = new Map<string, readonly Incident[]>();
  private readonly jsmAliases = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly kindOf: (sourceId: string) => SourceKind | undefined,
    private readonly apply: Apply,
  ) {}

  snapshot(sourceId: string, incidents: readonly Incident[]): void {
    const kind = this.kindOf(sourceId);
    if (kind === 'opsgenie') {
      this.opsgenie.set(sourceId, incidents);
      this.apply(sourceId, this.withoutTwins(incidents));
      return;
    }
    this.apply(sourceId, incidents);
    if (kind === 'jsm-ops' && this.aliasesChanged(sourceId, aliasesOf(incidents))) {
      this.reapplyOpsgenie();
    }
  }

  /** A source that stopped: a JSM source's twins show again from Opsgenie. */
  forget(sourceId: string): void {
    this.opsgenie.delete(sourceId);
    if (this.jsmAliases.delete(sourceId)) this.reapplyOpsgenie();
  }

  private withoutTwins(incidents: readonly Incident[]): readonly Incident[] {
    if (this.jsmAliases.size === 0) return incidents;
    return incidents.filter((incident) => {
      const alias = incident.labels.alias;
      return alias === undefined || ![...this.jsmAliases.values()].some((set) => set.has(alias));
    });
  }

  private aliasesChanged(sourceId: string, aliases: ReadonlySet<string>): boolean {
    const before = this.jsmAliases.get(sourceId) ?? new Set<string>();
    this.jsmAliases.set(sourceId, aliases);
    return before.size !== aliases.size || [...aliases].some((alias) => !before.has(alias));
  }

  private reapplyOpsgenie(): void {
    for (const [sourceId, incidents] of this.opsgenie) {
      this.apply(sourceId, this.withoutTwins(incidents));
    }
  }
}

function aliasesOf(incidents: readonly Incident[]): ReadonlySet<string> {
  const aliases = new Set<string>();
  for (const incident of incidents) {
    if (incident.labels.alias !== undefined) aliases.add(incident.labels.alias);
  }
  return aliases;
}
