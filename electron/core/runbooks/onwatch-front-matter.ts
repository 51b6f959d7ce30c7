import { z } from 'zod';
import type { TranscriptPolicy } from '../../common/model/runbook.js';
import { isPlaceholderPath, knownPlaceholders } from '../../common/runbook-placeholders.js';
import { RunbookFileError, type SplitDocument } from './front-matter.js';
import { goRegex } from './go-regex.js';
import { parseMatcherList, type LabelMatcher } from './label-matchers.js';
import { normaliseUrl } from './runbook-urls.js';

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `onwatch:` key. Unknown keys are errors: a typo must not quietly turn matching off. */
const onwatchSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits, ".", "_", "-" and "/" only')
    .max(120)
    .optional(),
  title: z.string().trim().min(1).max(200).optional(),
  match: z.array(z.union([z.string(), z.array(z.string())])).default([]),
  runbook_urls: z.array(z.string()).default([]),
  env: z
    .record(z.string().regex(envName, 'not an environment variable name'), z.string())
    .optional(),
  requires: z.array(z.string().regex(/^[A-Za-z0-9._+-]+$/, 'a command name')).default([]),
  redact: z.array(z.string()).default([]),
  transcript: z.enum(['ask', 'always', 'never']).default('ask'),
});

export interface RunbookMeta {
  id?: string;
  title?: string;
  shell?: string;
  match: LabelMatcher[][];
  runbookUrls: string[];
  env?: Record<string, string>;
  requires: string[];
  redact: RegExp[];
  transcript: TranscriptPolicy;
}

/** Reads and checks the front matter Onwatch uses: its own `onwatch:` key, Runme's `shell`, Hugo's `title`. */
export function runbookMeta(front: SplitDocument): RunbookMeta {
  const { data } = front;
  const parsed = onwatchSchema.safeParse(data.onwatch ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['onwatch', ...issue.path];
    throw new RunbookFileError(
      `${path.join('.')}: ${issue.message}`,
      front.lineOf(path) ?? front.lineOf(['onwatch']),
    );
  }
  const onwatch = parsed.data;
  const at = (...path: PropertyKey[]) => front.lineOf(['onwatch', ...path]);
  return {
    id: onwatch.id,
    title: onwatch.title ?? stringOrUndefined(data.title),
    shell: stringOrUndefined(data.shell),
    match: onwatch.match.map((entry, i) =>
      attempt(() => parseMatcherList(entry), `onwatch.match[${i}]`, at('match', i)),
    ),
    runbookUrls: onwatch.runbook_urls.map((url, i) =>
      attempt(() => normaliseUrl(url), `onwatch.runbook_urls[${i}]`, at('runbook_urls', i)),
    ),
    env: onwatch.env && checkedEnv(onwatch.env, at),
    requires: onwatch.requires,
    redact: onwatch.redact.map((pattern, i) =>
      attempt(
        () => goRegex(pattern, { anchored: false, global: true }),
        `onwatch.redact[${i}]`,
        at('redact', i),
      ),
    ),
    transcript: onwatch.transcript,
  };
}

function checkedEnv(
  env: Record<string, string>,
  at: (...path: PropertyKey[]) => number | undefined,
): Record<string, string> {
  for (const [name, path] of Object.entries(env)) {
    if (!isPlaceholderPath(path.trim())) {
      throw new RunbookFileError(
        `onwatch.env.${name}: "${path}" names no value; use one of ${knownPlaceholders} without the braces, as in labels.namespace`,
        at('env', name),
      );
    }
  }
  return Object.fromEntries(Object.entries(env).map(([name, path]) => [name, path.trim()]));
}

function attempt<T>(work: () => T, where: string, line: number | undefined): T {
  try {
    return work();
  } catch (error) {
    throw new RunbookFileError(`${where}: ${(error as Error).message}`, line);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
