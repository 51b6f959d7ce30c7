import { useId } from 'react';

/**
 * Name–value pairs of an incident under a heading: its labels (sorted by name, as matching
 * reads them) or its details (the source's order: a summary first, then what explains it).
 */
export function LabelsTable({
  labels,
  heading = 'Labels',
  sorted = true,
}: {
  labels: Record<string, string>;
  heading?: string;
  sorted?: boolean;
}) {
  const headingId = useId();
  const entries = Object.entries(labels);
  if (sorted) entries.sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <table className="labels-table">
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
