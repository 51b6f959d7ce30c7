type Props = {
  title: string;
  /** For the heading's id; one page may show several tables. */
  name: string;
  entries: Record<string, string>;
};

/** Name–value pairs under a heading: labels, annotations. */
export function LabelsTable({ title, name, entries }: Props) {
  const sorted = Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  if (sorted.length === 0) return null;
  const headingId = `incident-${name}-heading`;
  return (
    <section className="detail-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <table className="labels-table">
        <tbody>
          {sorted.map(([key, value]) => (
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
