/** POSIX single quoting: the shell takes everything inside literally; a `'` is closed, escaped, reopened. */
export function shellQuote(value: string): string {
  return "'" + value.replaceAll("'", "'\\''") + "'";
}

/** The only values `{{… | raw}}` may insert unquoted: nothing a shell treats specially. */
const rawSafe = /^[A-Za-z0-9._:/@%+=,-]*$/;

export function isRawSafe(value: string): boolean {
  return rawSafe.test(value);
}

/**
 * Control characters other than newline (a newline stays inside the quotes). Sent to a terminal "as if typed", one of these
 * (Ctrl-C, Ctrl-U, carriage return, tab completion, the end-of-paste escape) is a keystroke, not text, so no quoting can
 * contain it: a value carrying one is never inserted.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

/** `export NAME='value' …;` for the variables a runbook maps from the incident. */
export function exportLine(env: Record<string, string>): string | undefined {
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
  return assignments.length === 0 ? undefined : `export ${assignments.join(' ')}`;
}
