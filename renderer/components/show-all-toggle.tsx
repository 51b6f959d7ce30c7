/** "Show all" / "Show less" for text clamped to a few lines, tied to the element it opens. */
export function ShowAllToggle({
  expanded,
  controls,
  onToggle,
  className = '',
}: {
  expanded: boolean;
  controls: string;
  onToggle(): void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`button button-small button-quiet ${className}`.trim()}
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
    >
      {expanded ? 'Show less' : 'Show all'}
    </button>
  );
}
