import { ExternalLink } from '../incidents/external-link.js';

/** Why Onwatch cannot make cover on this schedule, and where to do it by hand. */
export function CoverUnavailable({
  reason,
  providerPage,
  onDone,
}: {
  reason: string;
  providerPage?: string;
  onDone(): void;
}) {
  return (
    <div className="cover-form" data-testid="cover-form">
      <p className="cover-unavailable" role="status">
        {reason}
        {providerPage && (
          <>
            {' '}
            <ExternalLink label="Open this schedule at the provider" url={providerPage} />
          </>
        )}
      </p>
      <button type="button" className="button button-small button-quiet" onClick={onDone}>
        Close
      </button>
    </div>
  );
}
