import { useState } from 'react';
import { ShowAllToggle } from '../../components/show-all-toggle.js';

/** Past this a title is clamped to a few lines: a 100 kB summary must not push the actions away. */
const longTitleChars = 180;

export const detailTitleId = 'incident-detail-title';

export function titleIsLong(title: string): boolean {
  return title.length > longTitleChars || title.split('\n').length > 3;
}

/** The incident's title, clamped when long, with "Show all" to read the rest in place. */
export function DetailTitle({ title }: { title: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = titleIsLong(title);
  return (
    <div className="detail-title-block">
      <h2
        id={detailTitleId}
        className={`detail-title${long && !expanded ? ' is-clamped' : ''}`}
        data-testid="detail-title"
        // Enter on the list lands here, then Tab reaches the actions right below.
        tabIndex={-1}
      >
        {title}
      </h2>
      {long && (
        <ShowAllToggle
          expanded={expanded}
          controls={detailTitleId}
          onToggle={() => setExpanded(!expanded)}
          className="title-toggle"
        />
      )}
    </div>
  );
}
