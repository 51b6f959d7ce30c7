/** Why a card could not load what it shows, announced as it appears; nothing when it could. */
export function LoadError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="card-empty is-error" role="alert">
      {error}
    </p>
  );
}
