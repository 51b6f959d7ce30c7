import { builtInSecretPatterns } from './secret-patterns.js';

/** One step as the terminal recorded it: what ran, when, how it ended, what it printed. */
export interface StepRecord {
  step: string;
  command: string;
  startedAt: string;
  endedAt?: string;
  /** `null`: the shell reports no exit codes (no shell integration), so the end is unknown. */
  exitCode?: number | null;
  /** Plain text, as the headless mirror reads it. */
  output: string;
}

export interface TranscriptOptions {
  runbookId: string;
  runbookTitle: string;
  /** The runbook's own `redact` patterns; the built-in secret patterns always apply too. */
  redact: readonly RegExp[];
}

export interface TranscriptLimits {
  stepLines: number;
  stepChars: number;
  totalChars: number;
}

/** RUNBOOKS.md §1.5: about 200 lines and 10 KB per step, 10 000 characters for the note. */
const noteLimits: TranscriptLimits = {
  stepLines: 200,
  stepChars: 10_000,
  totalChars: 10_000,
};

const redacted = '[redacted]';

/** `text` with every match of `patterns` (their `secret` group, where they have one) replaced. */
export function redactText(text: string, patterns: readonly RegExp[]): string {
  let out = text;
  for (const pattern of [...builtInSecretPatterns, ...patterns]) out = redactOne(out, pattern);
  return out;
}

function redactOne(text: string, pattern: RegExp): string {
  // `d` gives the secret group's exact offsets; `g` finds every occurrence.
  const flags = [...new Set(`${pattern.flags}dg`)].join('');
  let out = '';
  let at = 0;
  for (const match of text.matchAll(new RegExp(pattern.source, flags))) {
    if (match[0] === '') continue;
    const [start, end] = match.indices?.groups?.secret ?? match.indices![0]!;
    if (start < at) continue;
    out += text.slice(at, start) + redacted;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The note posted on the incident: every step redacted, each output cut to the step limits,
 * and the outputs shortened evenly when the whole would pass `totalChars`. Cut parts keep their
 * beginning and end, where the command and its verdict usually are.
 */
export function transcriptNote(
  records: readonly StepRecord[],
  options: TranscriptOptions,
  limits: TranscriptLimits = noteLimits,
): { text: string; shortened: boolean } {
  const steps = records.map((record) => {
    const clean = cleanOutput(record.output, options.redact);
    const output = capLines(clean, limits.stepLines, limits.stepChars);
    return { head: stepHead(record, options.redact), output, cut: output !== clean };
  });
  const title = titleLine(options, records.length);
  const fixed = title.length + steps.reduce((sum, s) => sum + s.head.length + 2, 0);
  const outputs = steps.map((s) => s.output);
  const total = fixed + outputs.reduce((sum, o) => sum + o.length, 0);
  let shortened = steps.some((s) => s.cut);
  if (total > limits.totalChars) {
    const footerRoom = 80;
    const budgets = fairShares(
      outputs.map((o) => o.length),
      Math.max(0, limits.totalChars - fixed - footerRoom),
    );
    outputs.forEach((output, i) => (outputs[i] = capChars(output, budgets[i]!)));
    shortened = true;
  }
  const body = steps.map((s, i) => `${s.head}\n${outputs[i]}`).join('\n\n');
  let text = `${title}\n\n${body}`;
  if (shortened) text += '\n\n[shortened; the full transcript is kept in Onwatch]';
  // Headers alone can still pass the limit with very many steps.
  if (text.length > limits.totalChars)
    text = `${text.slice(0, limits.totalChars - 12)}\n[… cut off]`;
  return { text, shortened };
}

/** The whole transcript, redacted but not shortened: the copy kept locally. */
export function fullTranscript(records: readonly StepRecord[], options: TranscriptOptions): string {
  const body = records
    .map(
      (record) =>
        `${stepHead(record, options.redact)}\n${cleanOutput(record.output, options.redact)}`,
    )
    .join('\n\n');
  return `${titleLine(options, records.length)}\n\n${body}\n`;
}

function titleLine(options: TranscriptOptions, steps: number): string {
  return `Runbook transcript: ${options.runbookTitle} (${options.runbookId}), ${steps} step${steps === 1 ? '' : 's'}`;
}

function stepHead(record: StepRecord, redact: readonly RegExp[]): string {
  const ending =
    record.exitCode === null
      ? 'end unknown (the shell reports no exit code)'
      : record.exitCode === undefined
        ? 'still running'
        : `exit ${record.exitCode}`;
  const times = record.endedAt
    ? `${record.startedAt} to ${record.endedAt}`
    : `from ${record.startedAt}`;
  const command = redactText(plainText(record.command), redact).replace(/\n/g, '\n  ');
  return `## ${record.step}: ${ending}, ${times}\n$ ${command}`;
}

function cleanOutput(output: string, redact: readonly RegExp[]): string {
  return redactText(plainText(output), redact).replace(/\s+$/, '');
}

/** Line breaks normalised and control characters dropped: a note is plain text. */
function plainText(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    const code = char.charCodeAt(0);
    if (
      code === 0x0a ||
      code === 0x09 ||
      (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0))
    ) {
      out += char;
    }
  }
  return out;
}

function capLines(text: string, maxLines: number, maxChars: number): string {
  const lines = text.split('\n');
  let kept = text;
  if (lines.length > maxLines) {
    const head = Math.floor(maxLines / 5);
    const tail = maxLines - head - 1;
    kept = [
      ...lines.slice(0, head),
      `[… ${lines.length - head - tail} lines left out …]`,
      ...lines.slice(-tail),
    ].join('\n');
  }
  return capChars(kept, maxChars);
}

function capChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `\n[… ${text.length - max} characters left out …]\n`;
  const room = Math.max(0, max - marker.length);
  const head = Math.floor(room / 5);
  return text.slice(0, head) + marker + text.slice(text.length - (room - head));
}

/** Splits `budget` so short outputs keep all they have and long ones share the rest evenly. */
function fairShares(lengths: readonly number[], budget: number): number[] {
  const shares = lengths.map(() => 0);
  let left = budget;
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  order.forEach((index, position) => {
    const share = Math.min(lengths[index]!, Math.floor(left / (order.length - position)));
    shares[index] = share;
    left -= share;
  });
  return shares;
}
