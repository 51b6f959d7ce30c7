import type { ChecklistItem, RunbookOrigin, RunbookSegment } from '../../common/model/runbook.js';
import { isPlaceholderPath, scanPlaceholders } from '../../common/runbook-placeholders.js';
import { compileCommand, TemplateError } from './command-template.js';
import { isTrue, parseFenceInfo } from './fence-attributes.js';
import { RunbookFileError, splitFrontMatter } from './front-matter.js';
import { markdownBlocks, type MarkdownBlock } from './markdown-blocks.js';
import { runbookMeta } from './onwatch-front-matter.js';
import type { Runbook, RunbookStep } from './runbook.js';

/** Fences in these languages are steps; any other fence is shown as code, never run. */
const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh', 'ksh']);

export interface RunbookFile {
  path: string;
  relativePath: string;
  origin: RunbookOrigin;
  repo?: string;
}

/** Reads one runbook file; a `RunbookFileError` says what is wrong and on which line. */
export function parseRunbook(text: string, file: RunbookFile): Runbook {
  const front = splitFrontMatter(text);
  const meta = runbookMeta(front);
  const blocks = markdownBlocks(front.body, front.bodyLine);
  const { segments, steps, prosePlaceholders } = structure(blocks, meta.env);
  const firstHeading = blocks.find((b) => b.kind === 'heading' && b.title !== '');
  return {
    id: meta.id ?? file.relativePath.replace(/\.md$/i, '').toLowerCase(),
    title:
      meta.title ??
      (firstHeading?.kind === 'heading' ? firstHeading.title : undefined) ??
      file.relativePath,
    path: file.path,
    relativePath: file.relativePath,
    origin: file.origin,
    repo: file.repo,
    shell: meta.shell,
    match: meta.match,
    runbookUrls: meta.runbookUrls,
    env: meta.env,
    requires: meta.requires,
    redact: meta.redact,
    transcript: meta.transcript,
    segments,
    steps,
    prosePlaceholders,
  };
}

/**
 * Prose, steps and checklists in file order. Headings group steps; task items after a step,
 * up to the next step or heading, are that step's checklist.
 */
function structure(blocks: MarkdownBlock[], env: Record<string, string> | undefined) {
  const segments: RunbookSegment[] = [];
  const steps: RunbookStep[] = [];
  const placeholders = new Set<string>();
  let prose: string[] = [];
  let section: string | undefined;
  let current: RunbookStep | undefined;
  const flush = () => {
    if (prose.some((line) => line.trim() !== '')) {
      segments.push({ kind: 'prose', markdown: prose.join('\n'), literal: false });
    }
    prose = [];
  };
  for (const block of blocks) {
    if (block.kind === 'fence') {
      flush();
      const info = parseFenceInfoAt(block);
      if (shellLanguages.has(info.language.toLowerCase())) {
        current = makeStep(block, info, steps.length + 1, section, env);
        if (steps.some((step) => step.name === current!.name)) {
          throw new RunbookFileError(`two steps are named "${current.name}"`, block.line);
        }
        segments.push({ kind: 'step', step: steps.length });
        steps.push(current);
      } else {
        segments.push({ kind: 'prose', markdown: block.text, literal: true });
      }
      continue;
    }
    if (block.kind === 'heading') {
      section = block.title || undefined;
      current = undefined;
    }
    // Checklist items are shown as text too, so their placeholders are filled like prose.
    for (const path of prosePlaceholdersIn(block)) placeholders.add(path);
    if (block.kind === 'task' && current) {
      current.checklist.push(checklistItem(block.item, current.checklist));
      continue;
    }
    prose.push(block.text);
  }
  flush();
  return { segments, steps, prosePlaceholders: [...placeholders] };
}

function parseFenceInfoAt(block: MarkdownBlock & { kind: 'fence' }) {
  try {
    return parseFenceInfo(block.info);
  } catch (error) {
    throw new RunbookFileError((error as Error).message, block.line);
  }
}

function makeStep(
  block: MarkdownBlock & { kind: 'fence' },
  info: ReturnType<typeof parseFenceInfo>,
  number: number,
  section: string | undefined,
  env: Record<string, string> | undefined,
): RunbookStep {
  const { attributes } = info;
  // Runme drops `### ` lines inside a block: they label it, they are not commands.
  const lines = block.content.split('\n');
  const kept = lines.flatMap((line, i) => (line.startsWith('### ') ? [] : [i]));
  const source = kept
    .map((i) => lines[i])
    .join('\n')
    .replace(/\n+$/, '');
  let command;
  try {
    command = compileCommand(source);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const lineInSource = source.slice(0, error.offset).split('\n').length - 1;
    throw new RunbookFileError(error.message, block.line + 1 + (kept[lineInSource] ?? 0));
  }
  const danger = attributes['onwatch.danger']?.trim();
  return {
    name: attributes.name?.trim() || `step-${number}`,
    section,
    language: info.language,
    line: block.line,
    command,
    attributes,
    excludeFromRunAll: isTrue(attributes.excludeFromRunAll),
    dangerMark: danger && !/^(false|no|0)$/i.test(danger) ? danger : undefined,
    confirm: confirmOf(attributes['onwatch.confirm'], block.line),
    envUsed: Object.keys(env ?? {}).filter((name) =>
      new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(source),
    ),
    checklist: [],
  };
}

function confirmOf(value: string | undefined, line: number): RunbookStep['confirm'] {
  const text = value?.trim();
  if (text === undefined) return undefined;
  if (text === '') throw new RunbookFileError('onwatch.confirm is empty', line);
  return isPlaceholderPath(text) ? { path: text } : { literal: text };
}

/** Ids from the text, so a ticked item stays ticked when items are added around it. */
function checklistItem(text: string, siblings: readonly ChecklistItem[]): ChecklistItem {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item';
  let id = base;
  for (let n = 2; siblings.some((item) => item.id === id); n++) id = `${base}-${n}`;
  return { id, text };
}

function prosePlaceholdersIn(block: MarkdownBlock): string[] {
  const { tokens, problems } = scanPlaceholders(block.text);
  const problem = problems[0];
  if (problem) throw new RunbookFileError(problem.message, block.line);
  return tokens.map((token) => token.path);
}
