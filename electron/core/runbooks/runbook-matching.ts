import type { RunbookCandidate } from '../../common/model/runbook.js';
import type { IncidentFacts } from './incident-facts.js';
import type { Runbook } from './runbook.js';
import { fileLayoutKey, githubBlobPaths, linkLayoutKey } from './runbook-urls.js';

/** Lookups built once per library load, so matching one incident costs a few map reads. */
export interface RunbookIndex {
  byUrl: Map<string, Runbook[]>;
  byLayoutKey: Map<string, Runbook[]>;
  /** `owner/name` + NUL + the file's path inside the clone. */
  byRepoPath: Map<string, Runbook[]>;
  withRules: Runbook[];
}

export function indexRunbooks(runbooks: readonly Runbook[]): RunbookIndex {
  const index: RunbookIndex = {
    byUrl: new Map(),
    byLayoutKey: new Map(),
    byRepoPath: new Map(),
    withRules: [],
  };
  const add = (map: Map<string, Runbook[]>, key: string, runbook: Runbook) => {
    const list = map.get(key);
    if (list) list.push(runbook);
    else map.set(key, [runbook]);
  };
  for (const runbook of runbooks) {
    for (const url of runbook.runbookUrls) add(index.byUrl, url, runbook);
    const layoutKey = fileLayoutKey(runbook.relativePath);
    if (layoutKey) add(index.byLayoutKey, layoutKey, runbook);
    if (runbook.repo) add(index.byRepoPath, `${runbook.repo}\0${runbook.relativePath}`, runbook);
    if (runbook.match.length > 0) index.withRules.push(runbook);
  }
  return index;
}

/**
 * The runbooks for an incident, by precedence: a `runbook_urls` entry equal to the incident's
 * link; the link resolved to a file by path; the `match` entries with the most matchers that
 * all hold. Only the strongest kind that finds anything counts; all it finds are tied.
 */
export function matchRunbooks(index: RunbookIndex, facts: IncidentFacts): RunbookCandidate[] {
  const byUrl = facts.runbookUrls.flatMap((url) =>
    (index.byUrl.get(url) ?? []).map((runbook) => candidate(runbook, 'runbook-url', url)),
  );
  if (byUrl.length > 0) return distinct(byUrl);
  const byPath = facts.runbookUrls.flatMap((url) =>
    filesForLink(index, url).map((runbook) => candidate(runbook, 'url-path', url)),
  );
  if (byPath.length > 0) return distinct(byPath);
  return byRules(index.withRules, facts.labels);
}

function filesForLink(index: RunbookIndex, url: string): Runbook[] {
  const blob = githubBlobPaths(url);
  if (blob) {
    const inClone = blob.paths.flatMap(
      (path) => index.byRepoPath.get(`${blob.repo}\0${path}`) ?? [],
    );
    if (inClone.length > 0) return inClone;
  }
  const key = linkLayoutKey(url);
  return (key && index.byLayoutKey.get(key)) || [];
}

function byRules(runbooks: readonly Runbook[], labels: Readonly<Record<string, string>>) {
  let best = 0;
  let found: RunbookCandidate[] = [];
  for (const runbook of runbooks) {
    for (const entry of runbook.match) {
      if (entry.length < best || !entry.every((matcher) => matcher.test(labels))) continue;
      const rule = entry.map((matcher) => matcher.text).join(', ');
      if (entry.length > best) {
        best = entry.length;
        found = [];
      }
      // A runbook counts once, with its first entry of the winning size.
      if (!found.some((c) => c.path === runbook.path)) {
        found.push(candidate(runbook, 'match-rule', rule));
      }
    }
  }
  return found;
}

function candidate(runbook: Runbook, via: RunbookCandidate['via'], rule: string): RunbookCandidate {
  return { runbookId: runbook.id, title: runbook.title, path: runbook.path, via, rule };
}

function distinct(candidates: RunbookCandidate[]): RunbookCandidate[] {
  return candidates.filter((c, i) => candidates.findIndex((d) => d.path === c.path) === i);
}
