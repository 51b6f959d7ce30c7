import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunbookDraft } from '../../common/model/runbook.js';
import type { IncidentFacts } from './incident-facts.js';
import { equalityMatcher } from './label-matchers.js';
import { hasControlCharacters } from './shell-quote.js';

const matchableName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const envName = /^[A-Z_][A-Z0-9_]*$/;

/**
 * "Create a runbook for this alert": a file that loads as it is, matching the alert by its
 * name (or, without one, by all its labels), its other labels listed for narrowing, each
 * label mapped to an environment variable, and one step to start from.
 */
export function draftRunbook(facts: IncidentFacts): RunbookDraft {
  const labels = Object.entries(facts.labels).filter(
    ([name, value]) => matchableName.test(name) && value !== '',
  );
  const alertname = facts.labels.alertname;
  const matched = alertname ? labels.filter(([name]) => name === 'alertname') : labels;
  const others = labels.filter(([name]) => !matched.some(([m]) => m === name));
  const env = labels
    .map(([name]) => [name.toUpperCase(), name] as const)
    .filter(
      ([variable], i, all) =>
        envName.test(variable) && all.findIndex(([v]) => v === variable) === i,
    );
  const baseName = (alertname ?? facts.title)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  const lines = [
    '---',
    'onwatch:',
    `  id: ${yamlString((baseName || 'new-runbook').toLowerCase())}`,
    `  title: ${yamlString(facts.title)}`,
    '  match:',
    ...(matched.length > 0
      ? [`    - [${matched.map(([n, v]) => yamlString(equalityMatcher(n, v))).join(', ')}]`]
      : ['    # This alert carries no labels to match on; add a matcher here.']),
    ...(others.length > 0
      ? [
          '  # Labels this alert also carries; add one to the entry above to narrow it:',
          ...others.map(([n, v]) => `  #   ${yamlString(equalityMatcher(n, v))}`),
        ]
      : []),
    ...(facts.runbookUrls.length > 0
      ? ['  runbook_urls:', ...facts.runbookUrls.map((url) => `    - ${yamlString(url)}`)]
      : []),
    ...(env.length > 0
      ? ['  env:', ...env.map(([variable, name]) => `    ${variable}: labels.${name}`)]
      : []),
    '  transcript: ask',
    '---',
    // A `{{` in an alert's title would read as a placeholder; `{\{` shows the same.
    `# ${facts.title.replace(/\s+/g, ' ').replace(/\{\{/g, '{\\{')}`,
    '',
    'What this alert means, who is affected, and how urgent it is.',
    '',
    '## 1. First look',
    '',
    '```sh {"name":"first-look"}',
    `echo "Looking into" ${alertname ? '{{labels.alertname}}' : '{{incident.id}}'}`,
    '```',
    '',
    '- [ ] What to check before going further',
    '',
  ];
  return { fileName: `${baseName || 'new-runbook'}.md`, markdown: lines.join('\n') };
}

/** YAML single quotes where they can hold the text; JSON's double quotes (valid YAML) otherwise. */
function yamlString(text: string): string {
  return hasControlCharacters(text) || text.includes('\n')
    ? JSON.stringify(text)
    : `'${text.replace(/'/g, "''")}'`;
}

/** Writes the draft into `folder` under a name no file has yet; returns the file's path. */
export async function writeDraft(folder: string, draft: RunbookDraft): Promise<string> {
  await mkdir(folder, { recursive: true });
  const stem = draft.fileName.replace(/\.md$/, '');
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? draft.fileName : `${stem}-${n}.md`);
    try {
      await writeFile(path, draft.markdown, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
