type Props = { shown: number; total: number; expanded: boolean; onToggle: () => void };

/** Keeps the cards short so the timeline stays in view; the rest is one click away. */
export function ShowMore({ shown, total, expanded, onToggle }: Props) {
  if (total <= shown) return null;
  return (
    <button
      type="button"
      className="button button-quiet button-small card-more"
      aria-expanded={expanded}
      onClick={onToggle}
    >
      {expanded ? 'Show fewer' : `Show all ${total}`}
    </button>
  );
}
