// Expiry policy of a TUF repository: how long each role's metadata stays valid after it is (re)signed.
// Times are written as TUF requires (spec 4.2: "YYYY-MM-DDTHH:MM:SSZ", UTC, no fractions).
import type { Clock } from '../clock';

export interface ExpiryPolicy {
  root: number;
  targets: number;
  snapshot: number;
  timestamp: number;
  /** Delegated targets roles. */
  delegated: number;
}

/** Days of validity per role; close to the Sigstore repository's own periods. */
export const DEFAULT_EXPIRY_DAYS: ExpiryPolicy = { root: 365, targets: 365, snapshot: 21, timestamp: 7, delegated: 365 };

export function tufTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function expiresIn(clock: Clock, days: number): string {
  return tufTime(new Date(clock.now().getTime() + days * 86_400_000));
}

export function expiryDaysFor(policy: ExpiryPolicy, role: string): number {
  switch (role) {
    case 'root':
    case 'targets':
    case 'snapshot':
    case 'timestamp':
      return policy[role];
    default:
      return policy.delegated;
  }
}
