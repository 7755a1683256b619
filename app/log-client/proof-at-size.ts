// An entry's inclusion proof in the tree of an earlier size (RFC 6962 2.1.1), made from the log's tiles, with the
// root at that size proven consistent (RFC 6962 2.1.2) with the current checkpoint signed by the log key.
// Shared by `rootsmith log proof --size` and the Log screen.
import { fromBase64, fromHex, toHex } from '../../core/bytes';
import { RootsmithError } from '../../core/errors';
import { generateConsistencyProof, generateInclusionProof, leafHash, verifyConsistency } from '../../core/tlog';
import { inclusionWalk, type InclusionWalk } from '../../core/tlog/inclusion-steps';
import { trustCheckpoint, type TrustedCheckpoint } from '../../core/tlog/monitor';
import { rekorNoteVerifiers } from '../../core/tlog/rekor/log-verifier';
import type { LogEntryWire } from '../../core/tlog/rekor/wire';
import type { RekorClient } from './rekor-client';
import { HttpTileSource } from './tile-source';

export type ProofAtSizeErrorCode =
  | 'SIZE_OUT_OF_RANGE' // the size is not above the entry's index, or beyond the log's size
  | 'CHECKPOINT_INVALID' // the current checkpoint does not verify with the log key
  | 'SPLIT_VIEW'; // the tree of the chosen size does not extend into the signed checkpoint

export class ProofAtSizeError extends RootsmithError<ProofAtSizeErrorCode> {}

export interface PastProof {
  uuid: string;
  logIndex: number;
  treeSize: number;
  leafHash: string;
  hashes: string[];
  walk: InclusionWalk;
  rootAtSize: string;
  /** The signed checkpoint the root at treeSize was proven consistent with. */
  checkpoint: { size: number; rootHash: string; consistencyHashes: string[] };
}

/** Inclusion of `entry` in the tree of `size` (at most the current size); nothing is taken on trust. */
export async function proofAtSize(client: RekorClient, url: string, uuid: string, entry: LogEntryWire, size: number, spki: Uint8Array): Promise<PastProof> {
  const info = await client.logInfo();
  if (entry.logIndex >= size || size > info.treeSize) {
    throw new ProofAtSizeError('SIZE_OUT_OF_RANGE', `The tree size must be above the entry's index ${entry.logIndex} and at most the log's size ${info.treeSize}.`, {
      details: { logIndex: entry.logIndex, size, treeSize: info.treeSize },
    });
  }
  let current: TrustedCheckpoint;
  try {
    current = trustCheckpoint(info.signedTreeHead, rekorNoteVerifiers(info.signedTreeHead, spki));
  } catch (e) {
    throw new ProofAtSizeError('CHECKPOINT_INVALID', `The log's checkpoint does not verify with its key: ${(e as Error).message}`);
  }
  const source = new HttpTileSource(url, current.size, fetch, client.timeoutMs);
  const leaf = leafHash(fromBase64(entry.body));
  const hashes = await generateInclusionProof(source, entry.logIndex, size);
  const walk = inclusionWalk(leaf, entry.logIndex, size, hashes);
  const consistency = size < current.size ? await generateConsistencyProof(source, size, current.size) : [];
  try {
    if (size < current.size) verifyConsistency(size, current.size, consistency, fromHex(walk.computedRoot), fromHex(current.rootHash));
    else if (walk.computedRoot !== current.rootHash) throw new Error('the roots differ');
  } catch (e) {
    throw new ProofAtSizeError('SPLIT_VIEW', `The tree of ${size} made from the tiles is not consistent with the signed checkpoint of ${current.size}: ${(e as Error).message}`);
  }
  return {
    uuid,
    logIndex: entry.logIndex,
    treeSize: size,
    leafHash: walk.leafHash,
    hashes: hashes.map((h) => toHex(h)),
    walk,
    rootAtSize: walk.computedRoot,
    checkpoint: { size: current.size, rootHash: current.rootHash, consistencyHashes: consistency.map((h) => toHex(h)) },
  };
}
