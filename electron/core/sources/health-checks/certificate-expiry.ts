import type { Urgency } from '../../../common/model/incident.js';

const dayMs = 24 * 60 * 60_000;

export interface CertificateExpiry {
  daysLeft: number;
  /** Absent while the certificate has more days left than the warning threshold. */
  urgency?: Urgency;
}

/** Whole days left (rounded down; negative once expired) and how loud that is. */
export function certificateExpiry(
  notAfter: string,
  now: number,
  thresholds: { warnDays: number; criticalDays: number },
): CertificateExpiry {
  const daysLeft = Math.floor((Date.parse(notAfter) - now) / dayMs);
  if (daysLeft <= thresholds.criticalDays) return { daysLeft, urgency: 'high' };
  if (daysLeft <= thresholds.warnDays) return { daysLeft, urgency: 'low' };
  return { daysLeft };
}
