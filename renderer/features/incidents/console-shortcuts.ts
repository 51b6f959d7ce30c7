/** The incident console's keys: one table for the handler and the `?` sheet, so they agree. */
export type ConsoleCommand =
  | 'focusSearch'
  | 'next'
  | 'previous'
  | 'ack'
  | 'resolve'
  | 'snooze'
  | 'note'
  | 'check'
  | 'ackChecked'
  | 'showShortcuts';

export const consoleShortcuts: { keys: string[]; command: ConsoleCommand | null; text: string }[] =
  [
    { keys: ['/'], command: 'focusSearch', text: 'Search (Escape goes back to the list)' },
    { keys: ['j', '↓'], command: 'next', text: 'Next incident' },
    { keys: ['k', '↑'], command: 'previous', text: 'Previous incident' },
    { keys: ['Home', 'End'], command: null, text: 'First / last incident (in the list)' },
    { keys: ['Enter'], command: null, text: 'Open the incident (focus its actions)' },
    { keys: ['→', '←'], command: null, text: 'Show / hide similar Alertmanager alerts' },
    { keys: ['a'], command: 'ack', text: 'Acknowledge (a collapsed set: all of it)' },
    { keys: ['r'], command: 'resolve', text: 'Resolve' },
    { keys: ['s'], command: 'snooze', text: 'Snooze (Alertmanager: silence)' },
    { keys: ['n'], command: 'note', text: 'Add a note' },
    {
      keys: ['x', 'Space'],
      command: 'check',
      text: 'Pick for a bulk action (Shift+click: a range)',
    },
    { keys: ['Shift+A'], command: 'ackChecked', text: 'Acknowledge every picked incident' },
    { keys: ['?'], command: 'showShortcuts', text: 'Show these shortcuts' },
  ];

const byKey: Record<string, ConsoleCommand> = {
  '/': 'focusSearch',
  j: 'next',
  k: 'previous',
  a: 'ack',
  r: 'resolve',
  s: 'snooze',
  n: 'note',
  x: 'check',
  A: 'ackChecked',
  '?': 'showShortcuts',
};

type KeyLike = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Where the key was typed: text fields and terminals keep their keys. */
  target: EventTarget | null;
};

/** Whether the key belongs to a control that types text (the search box, a note, a terminal). */
function typesText(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  return (
    element.isContentEditable ||
    element.closest('input, textarea, select, [contenteditable], .xterm, dialog') !== null
  );
}

/** The console command a key press means, or null: modified keys are the browser's. */
export function consoleCommandFor(event: KeyLike): ConsoleCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || typesText(event.target)) return null;
  return byKey[event.key] ?? null;
}
