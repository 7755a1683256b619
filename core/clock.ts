// Time as a seam: core code asks a Clock instead of calling Date.now(), so expiry, validity and genTime are testable.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
