import { CommandError } from '../../common/contract/command-error.js';
import { terminalLimits } from '../../common/terminal-limits.js';
import { commandProblem, controlCharacterProblem, envNameProblem } from './typed-command.js';

/*
 * The contract's schemas check every request before it reaches the core; these check again,
 * because the core never trusts its caller, and word the refusal for the responder.
 */

const invalid = (path: (string | number)[], message: string) =>
  new CommandError({ code: 'invalid-request', message, issues: [{ path, message }] });

export function checkSize(cols: number, rows: number): void {
  const { minCols, maxCols, minRows, maxRows } = terminalLimits;
  if (!Number.isInteger(cols) || cols < minCols || cols > maxCols) {
    throw invalid(['cols'], `cols must be a whole number from ${minCols} to ${maxCols}`);
  }
  if (!Number.isInteger(rows) || rows < minRows || rows > maxRows) {
    throw invalid(['rows'], `rows must be a whole number from ${minRows} to ${maxRows}`);
  }
}

export function checkEnv(env: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(env)) {
    const problem =
      envNameProblem(name) ??
      (typeof value === 'string' ? controlCharacterProblem(value, 'the value') : 'not text');
    if (problem) throw invalid(['env', name], problem);
  }
}

export function checkInput(data: string): void {
  if (typeof data !== 'string' || data.length > terminalLimits.maxInputChars) {
    const message = `input must be text of at most ${terminalLimits.maxInputChars} characters`;
    throw invalid(['data'], message);
  }
}

export function checkAck(chars: number): void {
  if (!Number.isInteger(chars) || chars < 0) {
    throw invalid(['chars'], 'chars must be a whole number, 0 or more');
  }
}

export function checkStep(step: { command: string; env?: Readonly<Record<string, string>> }): void {
  if (typeof step.command !== 'string' || step.command.length > terminalLimits.maxCommandChars) {
    const message = `the command must be text of at most ${terminalLimits.maxCommandChars} characters`;
    throw invalid(['command'], message);
  }
  const problem = commandProblem(step.command);
  if (problem) throw invalid(['command'], problem);
  checkEnv(step.env ?? {});
}
