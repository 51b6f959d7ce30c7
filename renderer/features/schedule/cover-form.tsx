import { useEffect, useMemo, useState } from 'react';
import type { Teammate } from '../../../electron/common/model/cover.js';
import { coverRangeProblem, defaultCoverRange } from '../../../electron/common/model/cover.js';
import type { Shift } from '../../../electron/common/model/shift.js';
import { selectSchedule } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { CoverUnavailable } from './cover-unavailable.js';
import {
  filterTeammates,
  fromLocalInput,
  onCallElsewhere,
  toLocalInput,
} from './cover-form-model.js';

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; error: string }
  | { status: 'unavailable'; reason: string; providerPage?: string }
  | { status: 'ready'; teammates: Teammate[] };

/** Choose the part of the shift and the teammate, then make the cover in one step. */
export function CoverForm({ shift, now, onDone }: { shift: Shift; now: number; onDone(): void }) {
  const listTeammates = useAppStore((s) => s.listTeammates);
  const createCover = useAppStore((s) => s.createCover);
  const timeline = useAppStore((s) => selectSchedule(s)?.timeline);
  const initial = useMemo(() => defaultCoverRange(shift, now), [shift, now]);
  const [start, setStart] = useState(toLocalInput(initial.start));
  const [end, setEnd] = useState(initial.end === undefined ? '' : toLocalInput(initial.end));
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Teammate | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void listTeammates(shift.sourceId, shift.scheduleId).then((outcome) => {
      if (!live) return;
      if (!outcome.ok) setLoaded({ status: 'failed', error: outcome.error });
      else if (outcome.value.unavailable) {
        const { unavailable: reason, providerPage } = outcome.value;
        setLoaded({ status: 'unavailable', reason, ...(providerPage ? { providerPage } : {}) });
      } else setLoaded({ status: 'ready', teammates: outcome.value.teammates });
    });
    return () => {
      live = false;
    };
  }, [listTeammates, shift.sourceId, shift.scheduleId]);

  const range = { start: fromLocalInput(start), end: fromLocalInput(end) };
  const rangeProblem = coverRangeProblem(range, shift, now);
  const submit = async () => {
    if (!chosen || rangeProblem) return;
    setBusy(true);
    const outcome = await createCover({
      sourceId: shift.sourceId,
      scheduleId: shift.scheduleId,
      scheduleName: shift.scheduleName,
      start: new Date(range.start).toISOString(),
      end: new Date(range.end).toISOString(),
      coverUser: { id: chosen.id, name: chosen.name },
      forUser: { ...(shift.userId ? { id: shift.userId } : {}), name: shift.userName },
    });
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(outcome.error);
  };

  if (loaded.status === 'unavailable') {
    return (
      <CoverUnavailable
        reason={loaded.reason}
        {...(loaded.providerPage ? { providerPage: loaded.providerPage } : {})}
        onDone={onDone}
      />
    );
  }
  const shown = loaded.status === 'ready' ? filterTeammates(loaded.teammates, search) : [];
  return (
    <form
      className="cover-form"
      data-testid="cover-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="cover-range">
        <label>
          From
          <input
            type="datetime-local"
            value={start}
            onChange={(e) => setStart(e.target.value)}
            data-testid="cover-start"
          />
        </label>
        <label>
          Until
          <input
            type="datetime-local"
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            data-testid="cover-end"
          />
        </label>
      </div>
      {rangeProblem && <p className="cover-problem">{rangeProblem}</p>}
      <label className="cover-search">
        Teammate
        <input
          type="search"
          placeholder="Search by name or email"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="cover-search"
        />
      </label>
      {loaded.status === 'loading' && <p className="card-empty">Loading the account’s users…</p>}
      {loaded.status === 'failed' && (
        <p className="cover-problem" role="alert">
          Could not list users: {loaded.error}
        </p>
      )}
      {loaded.status === 'ready' && (
        <ul className="cover-teammates" role="listbox" aria-label="Teammates">
          {shown.length === 0 && <li className="card-empty">Nobody matches</li>}
          {shown.map((teammate) => {
            const busyElsewhere =
              timeline && !rangeProblem ? onCallElsewhere(timeline, teammate, range, shift) : [];
            return (
              <li key={teammate.id}>
                <label className="cover-teammate">
                  <input
                    type="radio"
                    name="cover-teammate"
                    checked={chosen?.id === teammate.id}
                    onChange={() => setChosen(teammate)}
                  />
                  <span className="cover-teammate-name">{teammate.name}</span>
                  {teammate.detail && (
                    <span className="cover-teammate-detail">{teammate.detail}</span>
                  )}
                  {busyElsewhere.length > 0 && (
                    <span className="pill cover-elsewhere">
                      on call then: {busyElsewhere.join(', ')}
                    </span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="cover-problem" role="alert">
          {error}
        </p>
      )}
      <div className="cover-buttons">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={busy || !chosen || !!rangeProblem}
        >
          {chosen ? `Ask ${chosen.name} to cover` : 'Get cover'}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
