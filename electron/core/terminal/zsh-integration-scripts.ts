/**
 * zsh starts with ZDOTDIR pointing at a folder of these files. Each sources the user's own file
 * of the same name (from their ZDOTDIR, or HOME) at top level, so their `typeset`s stay global,
 * and then points ZDOTDIR back here for the next one. The last, .zshrc, adds FinalTerm marks
 * (OSC 133) and hands ZDOTDIR back for good, so .zlogin and any nested zsh are the user's own.
 *
 * preexec marks where a command's output starts (C); the first precmd hook reports its exit
 * status (D) before other hooks can change `$?`; the last one wraps PS1 in the prompt marks
 * (A, B) again at every prompt, because themes rebuild it.
 */

/** `${`, which a template literal cannot hold as it is. */
const open = '$' + '{';

/** Sources the user's `file` with their ZDOTDIR in place, and notes where it left ZDOTDIR. */
function sourceUserFile(file: string): string {
  return String.raw`if [[ -n "$__onwatch_user_zdotdir" ]]; then export ZDOTDIR=$__onwatch_user_zdotdir; else unset ZDOTDIR; fi
[[ -r "$__onwatch_home/${file}" ]] && source "$__onwatch_home/${file}"
__onwatch_user_zdotdir=${open}ZDOTDIR-}
__onwatch_home=$__onwatch_user_zdotdir
[[ -n "$__onwatch_home" ]] || __onwatch_home=$HOME
`;
}

const header = '# Onwatch shell integration (zsh). Generated; edits are overwritten.\n';

const zshenv = String.raw`${header}__onwatch_dir=$ZDOTDIR
__onwatch_user_zdotdir=${open}ONWATCH_USER_ZDOTDIR-}
unset ONWATCH_USER_ZDOTDIR
__onwatch_home=$__onwatch_user_zdotdir
[[ -n "$__onwatch_home" ]] || __onwatch_home=$HOME
${sourceUserFile('.zshenv')}ZDOTDIR=$__onwatch_dir
`;

const zprofile = `${header}${sourceUserFile('.zprofile')}ZDOTDIR=$__onwatch_dir
`;

const zshrc = String.raw`${header}${sourceUserFile('.zshrc')}
if [[ -o interactive && -z "${open}__onwatch_integrated-}" ]]; then
  __onwatch_integrated=1
  __onwatch_ran=

  __onwatch_report_status() {
    local code=$?
    [[ -n "$__onwatch_ran" ]] && printf '\e]133;D;%s\a' "$code"
    __onwatch_ran=
    return $code
  }

  __onwatch_mark_output() {
    __onwatch_ran=1
    printf '\e]133;C\a'
  }

  __onwatch_mark_prompt() {
    [[ "$PS1" == *'133;A'* ]] || PS1=$'%{\e]133;A\a%}'"$PS1"$'%{\e]133;B\a%}'
  }

  precmd_functions=(__onwatch_report_status ${open}precmd_functions[@]-} __onwatch_mark_prompt)
  preexec_functions+=(__onwatch_mark_output)
fi
unset __onwatch_dir __onwatch_home
`;

/** File name → content, for the folder zsh gets as ZDOTDIR. */
export const zshIntegrationFiles: Readonly<Record<string, string>> = {
  '.zshenv': zshenv,
  '.zprofile': zprofile,
  '.zshrc': zshrc,
};
