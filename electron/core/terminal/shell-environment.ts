/** Set for the app's own process; a shell inheriting them would misbehave or learn too much. */
const dropped = new Set(['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'NODE_OPTIONS']);

/**
 * The environment a terminal's shell starts with: the app's own, less what belongs to the app
 * (Electron's switches, Onwatch's settings), with the terminal type set, a UTF-8 locale where
 * none is (an app started from a desktop launcher often has none), and `additions` on top.
 */
export function shellEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  additions: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || dropped.has(name) || name.startsWith('ONWATCH_')) continue;
    env[name] = value;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'Onwatch';
  if (!env.LANG && !env.LC_ALL && !env.LC_CTYPE) env.LANG = 'C.UTF-8';
  return { ...env, ...additions };
}
