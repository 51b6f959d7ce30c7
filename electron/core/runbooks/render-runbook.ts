import type { RenderedRunbook, RenderedStep } from '../../common/model/runbook.js';
import { fillCommand } from './command-template.js';
import { dangerousPatterns } from './danger-patterns.js';
import { describePath, placeholderValue, type IncidentFacts } from './incident-facts.js';
import type { Runbook, RunbookStep } from './runbook.js';
import { hasControlCharacters, isRawSafe } from './shell-quote.js';

/** Why an environment variable the runbook maps could not be set for this incident. */
type EnvProblems = Map<string, string>;

/** A runbook filled in for one incident: commands ready to run, or blocked with the reason. */
export function renderRunbook(runbook: Runbook, facts: IncidentFacts): RenderedRunbook {
  const { env, problems } = environment(runbook, facts);
  const values: Record<string, string> = {};
  for (const path of runbook.prosePlaceholders) {
    const value = placeholderValue(facts, path);
    if (value !== undefined) values[path] = value;
  }
  return {
    id: runbook.id,
    title: runbook.title,
    path: runbook.path,
    origin: runbook.origin,
    ...(runbook.shell && { shell: runbook.shell }),
    segments: runbook.segments,
    steps: runbook.steps.map((step) => renderStep(step, facts, problems)),
    values,
    env,
    requires: runbook.requires,
    transcript: runbook.transcript,
  };
}

function renderStep(
  step: RunbookStep,
  facts: IncidentFacts,
  envProblems: EnvProblems,
): RenderedStep {
  const blockedBy = new Set<string>();
  const values = new Map<string, string>();
  for (const token of step.command.tokens) {
    const value = placeholderValue(facts, token.path);
    const what = describePath(token.path);
    if (value === undefined) {
      blockedBy.add(`needs ${what} (${token.text}), which this incident does not carry`);
    } else if (hasControlCharacters(value)) {
      blockedBy.add(`${what} holds control characters, which are never typed into a terminal`);
    } else if (token.raw && !isRawSafe(value)) {
      blockedBy.add(`${what} has characters ${token.text} cannot insert unquoted; drop "| raw"`);
    } else {
      values.set(token.path, value);
    }
  }
  for (const name of step.envUsed) {
    const problem = envProblems.get(name);
    if (problem) blockedBy.add(`${problem} (for $${name})`);
  }
  let confirmValue: string | undefined;
  if (step.confirm && 'literal' in step.confirm) confirmValue = step.confirm.literal;
  if (step.confirm && 'path' in step.confirm) {
    confirmValue = placeholderValue(facts, step.confirm.path);
    if (confirmValue === undefined) {
      blockedBy.add(
        `the confirmation needs ${describePath(step.confirm.path)}, which this incident does not carry`,
      );
    }
  }
  const command =
    blockedBy.size === 0
      ? fillCommand(step.command, (token) => values.get(token.path)!)
      : undefined;
  const danger = dangerReasons(step, command);
  return {
    name: step.name,
    ...(step.section !== undefined && { section: step.section }),
    language: step.language,
    line: step.line,
    template: step.command.source,
    ...(command !== undefined && { command }),
    blockedBy: [...blockedBy],
    danger,
    ...(confirmValue !== undefined && { confirmValue }),
    inRunAll: command !== undefined && danger.length === 0 && !step.excludeFromRunAll,
    checklist: step.checklist,
  };
}

/**
 * The author's mark, and the built-in patterns over both the command as written and as filled
 * in (a `| raw` value could add `--force`). A step that asks for a typed value is dangerous by
 * definition.
 */
function dangerReasons(step: RunbookStep, command: string | undefined): string[] {
  const reasons = new Set<string>();
  if (step.dangerMark) {
    reasons.add(
      /^(true|yes|1)$/i.test(step.dangerMark) ? 'marked dangerous in the runbook' : step.dangerMark,
    );
  }
  for (const reason of dangerousPatterns(step.command.source)) reasons.add(reason);
  if (command !== undefined) for (const reason of dangerousPatterns(command)) reasons.add(reason);
  if (reasons.size === 0 && step.confirm) reasons.add('asks for a typed confirmation');
  return [...reasons];
}

/** The variables exported into the step's terminal, and why any the runbook maps are missing. */
function environment(runbook: Runbook, facts: IncidentFacts) {
  const env: Record<string, string> = {};
  const problems: EnvProblems = new Map();
  if (runbook.env) {
    for (const [name, path] of Object.entries(runbook.env)) {
      const value = placeholderValue(facts, path);
      const what = describePath(path);
      if (value === undefined)
        problems.set(name, `needs ${what}, which this incident does not carry`);
      else if (hasControlCharacters(value)) problems.set(name, `${what} holds control characters`);
      else env[name] = value;
    }
    return { env, problems };
  }
  // Without a mapping every label goes in upper case: `namespace` is `$NAMESPACE`.
  for (const [label, value] of Object.entries(facts.labels)) {
    const name = label
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_')
      .replace(/^(?=[0-9])/, '_');
    if (value !== '' && !hasControlCharacters(value) && !(name in env)) env[name] = value;
  }
  return { env, problems };
}
