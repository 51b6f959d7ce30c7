import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/store-context.js';
import { consoleShortcuts } from './console-shortcuts.js';

/** Every console key, in a modal dialog: `?` opens it, Escape or Close shuts it. */
export function ShortcutSheet() {
  const open = useAppStore((s) => s.shortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="shortcut-sheet"
      aria-labelledby="shortcut-sheet-title"
      onClose={() => setOpen(false)}
    >
      {open && (
        <>
          <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
          <table className="shortcut-table">
            <tbody>
              {consoleShortcuts.map(({ keys, text }) => (
                <tr key={text}>
                  <th scope="row">
                    {keys.map((key, index) => (
                      <span key={key}>
                        {index > 0 && ' '}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </th>
                  <td>{text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="dialog">
            <button type="submit" className="button" autoFocus>
              Close
            </button>
          </form>
        </>
      )}
    </dialog>
  );
}
