import { useMemo, useState } from 'react';
import { removalOf, removalWording, type CoverView } from '../../../electron/common/model/cover.js';
import { useAppStore } from '../../store/store-context.js';
import { ExternalLink } from '../incidents/external-link.js';
import { formatShiftRange } from './schedule-format.js';
import { coverStateWording } from './cover-form-model.js';

/**
 * Covers asked for from here, each with what removing it will do, said before it is sent. They
 * are listed apart from the shifts: once the schedule shows a cover, the shift it took is gone.
 */
export function CoverList({ covers, now }: { covers: readonly CoverView[]; now: number }) {
  const sorted = useMemo(
    () => [...covers].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
    [covers],
  );
  if (sorted.length === 0) return null;
  return (
    <ul className="cover-list" aria-label="Cover you asked for">
      {sorted.map((cover) => (
        <CoverRow key={cover.id} cover={cover} now={now} />
      ))}
    </ul>
  );
}

function CoverRow({ cover, now }: { cover: CoverView; now: number }) {
  const removeCover = useAppStore((s) => s.removeCover);
  const [error, setError] = useState<string | null>(null);
  const removal = cover.state === 'failed' ? 'forget' : removalOf(cover, now);
  const label = removal === 'forget' ? 'Dismiss' : removal === 'cut-short' ? 'End now' : 'Remove';
  const explanation =
    removal === 'forget' ? 'Nothing was made at the provider' : removalWording[removal];
  const canRemove = removal !== 'ended' && cover.state !== 'sending' && cover.state !== 'removing';
  return (
    <li className={`cover-row is-${cover.state}`} data-testid="cover" data-state={cover.state}>
      <span className="cover-row-main">
        {cover.coverUser.name} covers {cover.scheduleName}{' '}
        {formatShiftRange(cover.start, cover.end)}
        <span className="cover-row-state"> · {coverStateWording[cover.state]}</span>
        {cover.error && <span className="cover-problem"> · {cover.error}</span>}
        {cover.unassignedPolicies && (
          <span className="cover-problem">
            {' '}
            · still on you: {cover.unassignedPolicies.join(', ')}
          </span>
        )}
        {error && <span className="cover-problem"> · {error}</span>}
        {cover.providerPage && (
          <>
            {' · '}
            <ExternalLink label="Finish it at the provider" url={cover.providerPage} />
          </>
        )}
      </span>
      {canRemove && (
        <button
          type="button"
          className="button button-small button-quiet"
          title={explanation}
          aria-label={`${label}: ${explanation}`}
          onClick={() =>
            void removeCover(cover.id).then((outcome) => {
              if (!outcome.ok) setError(outcome.error);
            })
          }
        >
          {label}
        </button>
      )}
    </li>
  );
}
