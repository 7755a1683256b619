// A role's keys and threshold as the create and delegate forms hold them, their checks (messages shown next to
// the fields), and the key inputs the tuf contract takes (TUF 2.1.1: a role needs at least `threshold` keys).
import type { TufKeyInput } from '../../app/contract';

/** One key picked for a role: its public key, who holds it, and (token keys) its PKCS#11 URI. */
export interface RoleKey {
  publicKeyPem: string;
  owner: string;
  /** Where the key came from, as shown in the list ("token alice: alice-root", "file bob.pub", "pasted PEM"). */
  from: string;
  uri?: string;
}

export interface RoleKeysDraft {
  keys: RoleKey[];
  threshold: number;
  days: number;
}

export const emptyDraft = (days: number): RoleKeysDraft => ({ keys: [], threshold: 1, days });

export interface RoleKeysProblems {
  keys?: string;
  threshold?: string;
  days?: string;
}

const PEM_PUBLIC = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/;

/** Why a pasted or read text is not a usable public key, or null. */
export function pemProblem(text: string): string | null {
  if (text.trim() === '') return 'Paste or choose a public key.';
  if (/PRIVATE KEY-----/.test(text)) return 'This is a private key: give the public key only (it never leaves its holder).';
  if (!PEM_PUBLIC.test(text)) return 'Expected a PEM public key (-----BEGIN PUBLIC KEY-----).';
  return null;
}

export function roleKeysProblems(role: string, d: RoleKeysDraft, checkDays = true): RoleKeysProblems {
  const p: RoleKeysProblems = {};
  if (d.keys.length === 0) p.keys = `Add at least one ${role} key.`;
  const pems = d.keys.map((k) => k.publicKeyPem.replace(/\s+/g, ''));
  if (new Set(pems).size !== pems.length) p.keys = `The same key is listed twice for ${role}.`;
  if (!Number.isInteger(d.threshold) || d.threshold < 1) p.threshold = 'The threshold must be a whole number of at least 1.';
  // With no key at all, "add a key" is the one thing to say; the threshold is checked once keys are there.
  else if (d.keys.length > 0 && d.threshold > d.keys.length) p.threshold = `${role} needs ${d.threshold} signatures but has only ${d.keys.length} key${d.keys.length === 1 ? '' : 's'}.`;
  if (checkDays && (!Number.isInteger(d.days) || d.days < 1 || d.days > 36500)) p.days = 'Days must be a whole number from 1 to 36500.';
  return p;
}

export const hasProblems = (p: object): boolean => Object.values(p).some((v) => v !== undefined);

/** The contract's key inputs; online keys on a token carry their URI so publish can find them (as the CLI does). */
export function toKeyInputs(keys: RoleKey[], online: boolean): TufKeyInput[] {
  return keys.map((k) => ({
    publicKeyPem: k.publicKeyPem,
    ...(k.owner.trim() ? { owner: k.owner.trim() } : {}),
    ...(online && k.uri ? { onlineUri: k.uri } : {}),
  }));
}
