import { shellQuote } from '../runbooks/shell-quote.js';

const pasteStart = '\x1b[200~';
const pasteEnd = '\x1b[201~';

/** Environment names a POSIX shell can export. */
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Control characters other than tab and newline: ESC could end a bracketed paste early. */
function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) return i;
  }
  return -1;
}

/** Why `text` (`what` it is, for the message) cannot be typed into a shell, if it cannot. */
export function controlCharacterProblem(text: string, what: string): string | undefined {
  const at = firstControlCharacter(text);
  if (at < 0) return undefined;
  const code = text.charCodeAt(at).toString(16).padStart(4, '0').toUpperCase();
  return `${what} contains the control character U+${code} at position ${at}`;
}

/** Why `command` cannot be sent as typed, or undefined if it can. */
export function commandProblem(command: string): string | undefined {
  if (command.trim() === '') return 'the command is empty';
  return controlCharacterProblem(command, 'the command');
}

export function envNameProblem(name: string): string | undefined {
  return envName.test(name) ? undefined : `"${name}" is not a valid environment variable name`;
}

/** `export` lines for variables the shell does not have with these values yet. */
export function exportLines(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
}

/**
 * The keystrokes that type `command` and press Enter, as VS Code's sendText does: line breaks
 * become Enter, and the whole is a bracketed paste where the shell asked for one, so a
 * multi-line command is edited as one and nothing in it is read as a key binding.
 */
export function keystrokesFor(command: string, bracketedPaste: boolean): string {
  const text = command.replace(/\r?\n/g, '\r').replace(/\r+$/, '');
  return bracketedPaste ? `${pasteStart}${text}${pasteEnd}\r` : `${text}\r`;
}
