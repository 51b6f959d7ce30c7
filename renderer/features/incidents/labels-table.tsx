interface FactsTableProps {
  labels: Record<string, string>;
  /** "Labels" by default; "Details" for a source's free-text facts. */
  heading?: string;
  /** Labels read best sorted; details in the order the source gave them (most telling first). */
  sorted?: boolean;
}

export function LabelsTable({ labels, heading = 'Labels', sorted = true }: FactsTableProps) {
  const entries = Object.entries(labels);
  if (sorted) entries.sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  const headingId = `incident-${heading.toLowerCase()}-heading`;
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
