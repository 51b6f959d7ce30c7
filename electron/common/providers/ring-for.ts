import { z } from 'zod';

/**
 * What a provider can tell about who a page is for: nothing (Alertmanager: every alert is
 * everyone's), the people it is assigned to, or those and the teams it is for.
 */
export type AssignmentKnowledge = 'none' | 'people' | 'teams';

/**
 * Which pages climb the escalation ladder; the rest are listed quietly. A source that knows
 * assignment rings for the responder's own pages by default (a teammate's page must never take
 * over this screen); one that does not rings for every page, as it always has.
 */
export const ringForChoices = {
  none: ['everything', 'while-on-call'],
  people: ['mine', 'everything'],
  teams: ['mine', 'my-teams', 'everything'],
} as const satisfies Record<AssignmentKnowledge, readonly string[]>;

export type RingFor = (typeof ringForChoices)[AssignmentKnowledge][number];

const choiceLabels: Record<RingFor, string> = {
  mine: 'My pages',
  'my-teams': 'My pages and my teams’ pages',
  everything: 'Every page',
  'while-on-call': 'Every page, only while I am on call',
};

/** The first choice is the default, so an empty menu and an absent setting agree. */
export function defaultRingFor(assignment: AssignmentKnowledge): RingFor {
  return ringForChoices[assignment][0];
}

/** Optional in settings: absent means this kind's default. */
export function ringForSchema<K extends AssignmentKnowledge>(assignment: K) {
  const choices = ringForChoices[assignment];
  return z
    .enum(choices, {
      error: () => `must be one of: ${choices.join(', ')}`,
    })
    .optional();
}

export function ringForField(assignment: AssignmentKnowledge) {
  return {
    path: 'config.ringFor',
    label: 'Ring for',
    input: 'select',
    hint:
      assignment === 'none'
        ? 'This source does not say who a page is for. “On call” means a schedule shows your shift now; quiet pages are still listed.'
        : 'Everyone else’s pages are listed quietly, and can still be acked.',
    options: ringForChoices[assignment].map((value) => ({ value, label: choiceLabels[value] })),
  } as const;
}
