// Puts trust material files into a TUF repository as targets and publishes them, signing targets with the
// given keys (rehearsal keys, or an HSM session's signers). Unchanged files change nothing.
import { bytesEqual, sha256, toHex } from '../bytes';
import type { Signer } from '../keys/signer';
import { importSignature } from '../tuf/import-signature';
import type { TufRepository } from '../tuf/repository';
import { signRequest } from '../tuf/sign-request';
import { Key } from '@tufjs/models';
import type { JSONObject } from '../tuf/metadata-json';
import { spkiOfTufKey } from '../tuf/tuf-key';
import type { PublishResult } from '../tuf/publish';

export type PublishTargetsResult = { changed: false } | { changed: true; result: PublishResult; paths: string[] };

/** The targets whose bytes differ from what is published (by SHA-256), in the order given. */
export function changedTargets(repo: TufRepository, files: Record<string, Uint8Array>): string[] {
  const targets = repo.state().published.targets?.signed.targets ?? {};
  return Object.entries(files)
    .filter(([name, bytes]) => targets[name]?.hashes.sha256 !== toHex(sha256(bytes)))
    .map(([name]) => name);
}

/** Signs every staged signing request with each of `signers` that the request allows, and merges the signatures. */
export async function signStaged(repo: TufRepository, signers: Signer[]): Promise<void> {
  // Matched by public key, not key ID: a key ID also covers annotations such as the owner's name.
  const withSpki = await Promise.all(signers.map(async (signer) => ({ signer, spki: await signer.publicKeySpki() })));
  for (const request of repo.requestSignatures()) {
    const allowed = request.signers.map((s) => spkiOfTufKey(Key.fromJSON(s.keyid, s.key as JSONObject)));
    for (const { signer, spki } of withSpki) {
      if (allowed.some((a) => bytesEqual(a, spki))) importSignature(repo.sessionDir, await signRequest(request, signer));
    }
  }
}

export async function publishTargets(
  repo: TufRepository,
  files: Record<string, Uint8Array>,
  signers: { offline: Signer[]; snapshot: Signer; timestamp: Signer },
): Promise<PublishTargetsResult> {
  const paths = changedTargets(repo, files);
  if (paths.length === 0 && repo.stagedRoles().length === 0) return { changed: false };
  repo.addTargets(paths.map((name) => ({ path: name, bytes: files[name]! })));
  await signStaged(repo, signers.offline);
  return { changed: true, result: await repo.publish({ snapshot: signers.snapshot, timestamp: signers.timestamp }), paths };
}
