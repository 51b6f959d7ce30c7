import { describe, expect, it } from 'vitest';
import { shellEnvironment } from '../../../../electron/core/terminal/shell-environment.js';
import { shellKindOf, shellLaunch } from '../../../../electron/core/terminal/shell-integration.js';

describe('shellEnvironment', () => {
  it("keeps the user's environment, drops the app's own, and sets the terminal type", () => {
    const env = shellEnvironment(
      {
        PATH: '/usr/bin',
        HOME: '/home/r',
        ELECTRON_RUN_AS_NODE: '1',
        NODE_OPTIONS: '--inspect',
        ONWATCH_SPECS_DIR: '/x',
        UNSET: undefined,
        TERM: 'dumb',
      },
      { NAMESPACE: 'prod' },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/r',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      TERM_PROGRAM: 'Onwatch',
      LANG: 'C.UTF-8',
      NAMESPACE: 'prod',
    });
  });

  it("leaves the user's locale alone", () => {
    expect(shellEnvironment({ LC_ALL: 'de_DE.UTF-8' }, {}).LANG).toBeUndefined();
  });
});

describe('shellLaunch', () => {
  it('knows bash and zsh by name, wherever they live', () => {
    expect(shellKindOf('/opt/homebrew/bin/bash')).toBe('bash');
    expect(shellKindOf('/bin/zsh')).toBe('zsh');
    expect(shellKindOf('/usr/bin/fish')).toBe('other');
  });

  it('starts bash with its rcfile, and says when it should read the login files', () => {
    expect(shellLaunch('/bin/bash', { login: true, dir: '/d', env: {} })).toEqual({
      args: ['--rcfile', '/d/bash/onwatch.bash', '-i'],
      env: { ONWATCH_SHELL_LOGIN: '1' },
    });
  });

  it("points zsh at its own ZDOTDIR and passes the user's on", () => {
    expect(shellLaunch('/bin/zsh', { login: true, dir: '/d', env: { ZDOTDIR: '/z' } })).toEqual({
      args: ['-l', '-i'],
      env: { ZDOTDIR: '/d/zsh', ONWATCH_USER_ZDOTDIR: '/z' },
    });
  });

  it('starts any other shell as it is', () => {
    expect(shellLaunch('/usr/bin/fish', { login: false, dir: '/d', env: {} })).toEqual({
      args: [],
      env: {},
    });
  });
});
