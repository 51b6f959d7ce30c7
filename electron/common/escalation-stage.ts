import { z } from 'zod';

/** The rungs of the escalation ladder, in the order an unhandled incident climbs them. */
export const ladderRungs = ['notified', 'critical', 'repeating', 'takeover'] as const;
export type LadderRung = (typeof ladderRungs)[number];

/** Where an incident is on the ladder: a rung, or `quiet` while quiet hours hold it back. */
export const escalationStageSchema = z.enum([...ladderRungs, 'quiet']);
export type EscalationStage = z.infer<typeof escalationStageSchema>;
