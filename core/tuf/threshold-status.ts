// How far each role's signing has got: valid signatures counted per authorising key set (TUF 5.3.4 for root:
// previous AND new root keys), who signed and who is still awaited, by owner where keys name one.
import type { Signature } from '@tufjs/models';
import type { Authorization } from './role-keys';
import { authorizationsFor } from './role-keys';
import { finalDelegated, finalDelegatedNames, finalRoot, finalTargets, stagedMetadataOf, stagedRoleNames, type RepoState } from './repo-state';
import { signedBytes, type AnyMetadata } from './sign-metadata';
import { keyLabel } from './tuf-key';
import { verifyTufSignature } from './verify-signature';

export interface GroupStatus {
  /** Which metadata sets this threshold, e.g. "root v1". */
  by: string;
  have: number;
  need: number;
  met: boolean;
  signedBy: string[];
  waitingFor: string[];
}

export interface ThresholdStatus extends GroupStatus {
  role: string;
  version: number;
  /** For a new root: the previous root's threshold, which must be met too. */
  previous?: GroupStatus;
  /** Every threshold of the role met. */
  allMet: boolean;
}

export function groupStatus(auth: Authorization, bytes: Uint8Array, signatures: Record<string, Signature>): GroupStatus {
  const signed = auth.keys.filter((k) => {
    const s = signatures[k.keyID];
    return s !== undefined && verifyTufSignature(k, bytes, s.sig);
  });
  const waiting = signed.length >= auth.threshold ? [] : auth.keys.filter((k) => !signed.includes(k));
  return {
    by: auth.by,
    have: signed.length,
    need: auth.threshold,
    met: signed.length >= auth.threshold,
    signedBy: signed.map(keyLabel),
    waitingFor: waiting.map(keyLabel),
  };
}

/** `bytes`: the canonical bytes of `md.signed` when the caller has them already (they cost a canonicalisation). */
export function statusFromAuthorizations(role: string, md: AnyMetadata, auths: Authorization[], bytes = signedBytes(md)): ThresholdStatus {
  const current = auths.find((a) => a.group === 'new')!;
  const own = groupStatus(current, bytes, md.signatures);
  const prevAuth = auths.find((a) => a.group === 'previous');
  const previous = prevAuth ? groupStatus(prevAuth, bytes, md.signatures) : undefined;
  return { role, version: md.signed.version, ...own, ...(previous ? { previous } : {}), allMet: own.met && (previous?.met ?? true) };
}

/** Status of every staged role (what is being signed now). */
export function repositoryThresholdStatus(state: RepoState): ThresholdStatus[] {
  return stagedRoleNames(state).map((role) => statusFromAuthorizations(role, stagedMetadataOf(state, role)!, authorizationsFor(state, role)));
}

/**
 * Status of every offline role as clients will see it after publishing: staged roles, and published ones whose
 * signers a staged root or targets may have changed (a rotated targets key invalidates the old targets).
 */
export function publishThresholdStatus(state: RepoState): ThresholdStatus[] {
  const out: ThresholdStatus[] = [];
  const check = (role: string, md: AnyMetadata | undefined): void => {
    if (md) out.push(statusFromAuthorizations(role, md, authorizationsFor(state, role)));
  };
  check('root', finalRoot(state));
  check('targets', finalTargets(state));
  for (const name of finalDelegatedNames(state)) check(name, finalDelegated(state, name));
  return out;
}
