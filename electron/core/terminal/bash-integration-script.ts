/**
 * The rcfile bash starts with (`--rcfile`): the user's own startup files first, then FinalTerm
 * marks (OSC 133) around every prompt and command. A prompt start (A) and end (B) wrap PS1, PS0
 * (bash 4.4+) marks where a command's output starts (C), and the first thing PROMPT_COMMAND does
 * is report the last command's exit status (D) before anything can change `$?`. PS1 is wrapped
 * again at every prompt, after the user's PROMPT_COMMAND, because prompt frameworks rebuild it.
 */
/** `${`, which a template literal cannot hold as it is. */
const open = '$' + '{';

export const bashIntegrationScript = String.raw`# Onwatch shell integration (bash). Generated; edits are overwritten.
if [ -n "$ONWATCH_SHELL_LOGIN" ]; then
  unset ONWATCH_SHELL_LOGIN
  [ -r /etc/profile ] && . /etc/profile
  for __onwatch_rc in "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile"; do
    if [ -r "$__onwatch_rc" ]; then . "$__onwatch_rc"; break; fi
  done
  unset __onwatch_rc
elif [ -r "$HOME/.bashrc" ]; then
  . "$HOME/.bashrc"
fi

if [ -z "${open}__onwatch_integrated-}" ]; then
  __onwatch_integrated=1
  __onwatch_first_prompt=1

  __onwatch_report_status() {
    local code=$?
    [ -z "$__onwatch_first_prompt" ] && printf '\e]133;D;%s\a' "$code"
    __onwatch_first_prompt=
    return "$code"
  }

  __onwatch_mark_prompt() {
    local code=$?
    case "$PS1" in
      *'133;A'*) ;;
      *) PS1='\[\e]133;A\a\]'"$PS1"'\[\e]133;B\a\]' ;;
    esac
    return "$code"
  }

  PS0='\e]133;C\a'"${open}PS0-}"
  if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
    PROMPT_COMMAND=(__onwatch_report_status "${open}PROMPT_COMMAND[@]}" __onwatch_mark_prompt)
  else
    PROMPT_COMMAND="__onwatch_report_status${open}PROMPT_COMMAND:+
$PROMPT_COMMAND}
__onwatch_mark_prompt"
  fi
fi
`;
