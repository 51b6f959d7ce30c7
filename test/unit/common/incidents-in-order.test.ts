import { describe, expect, it } from 'vitest';
import { compareIncidents, type Incident } from '../../../electron/common/model/incident.js';
import { replaceInOrder } from '../../../electron/common/model/incidents-in-order.js';
import { anIncident } from '../../support/incidents.js';

const some = (count: number, variant = 0): Incident[] =>
  Array.from({ length: count }, (_, i) =>
    anIncident({
      externalId: `i${i}`,
      status: (i + variant) % 3 === 0 ? 'acknowledged' : 'triggered',
      urgency: (i + variant) % 2 === 0 ? 'high' : 'low',
      createdAt: `2026-11-22T08:0${(i * 7 + variant) % 4}:00.000Z`,
    }),
  );

describe('replaceInOrder', () => {
  const keysOf = (incidents: Incident[]) => new Set(incidents.map((incident) => incident.key));

  it('gives what sorting everything again gives, ties included, for a few or a storm', () => {
    for (const every of [9, 1]) {
      const list = some(200).sort(compareIncidents);
      const changed = some(200, 1).filter((_, i) => i % every === 0);
      const gone = list.filter((_, i) => i % 13 === 5 && !keysOf(changed).has(list[i]!.key));
      const added = [anIncident({ externalId: 'new-1' }), anIncident({ externalId: 'new-2' })];
      const replaced = keysOf([...changed, ...gone]);

      const patched = replaceInOrder(list, replaced, [...changed, ...added]);
      const expected = list
        .filter((incident) => !replaced.has(incident.key))
        .concat(changed, added)
        .sort(compareIncidents);
      expect(patched).toEqual(expected);
    }
  });

  it('leaves the list it was given as it was', () => {
    const list = some(5).sort(compareIncidents);
    const before = [...list];
    replaceInOrder(list, keysOf([list[0]!]), [anIncident({ externalId: 'x' })]);
    expect(list).toEqual(before);
  });
});
