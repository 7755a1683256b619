// Snapshot and timestamp: built from the repository's state and signed by the online keys (TUF 4.4, 4.6).
import { Metadata, MetaFile, Snapshot, Timestamp, type Root } from '@tufjs/models';
import { sha256, toHex } from '../bytes';
import type { Signer } from '../keys/signer';
import { TufError } from './errors';
import { metadataToJSON } from './metadata-codec';
import { formatMetadataJson } from './metadata-json';
import { keysOfSigner, signMetadataAs, type AnyMetadata } from './sign-metadata';

/** Signs `md` as the online role `role` of `root`; the signer's key must be that role's key. */
export async function signOnline(md: AnyMetadata, root: Root, role: 'snapshot' | 'timestamp', signer: Signer): Promise<void> {
  const r = root.roles[role]!;
  const keys = r.keyIDs.map((id) => root.keys[id]).filter((k) => k !== undefined);
  const [key] = await keysOfSigner(keys, signer);
  if (!key) {
    throw new TufError('ONLINE_KEY_MISMATCH', `The ${role} signer ${signer.ref} does not hold a ${role} key of root v${root.version}.`, { details: { role } });
  }
  if (r.threshold > 1) {
    throw new TufError('THRESHOLD_NOT_MET', `${role} needs ${r.threshold} signatures; Rootsmith signs online roles with one online key.`, {
      details: { role, need: r.threshold, have: 1 },
    });
  }
  await signMetadataAs(md, key, signer);
}

export interface OnlineFiles {
  snapshot: Metadata<Snapshot>;
  snapshotText: string;
  timestamp: Metadata<Timestamp>;
  timestampText: string;
}

export async function buildOnlineRoles(
  root: Root,
  meta: Record<string, number>,
  versions: { snapshot: number; timestamp: number },
  expires: { snapshot: string; timestamp: string },
  signers: { snapshot: Signer; timestamp: Signer },
): Promise<OnlineFiles> {
  const metaFiles = Object.fromEntries(Object.entries(meta).map(([file, version]) => [file, new MetaFile({ version })]));
  const snapshot = new Metadata(new Snapshot({ version: versions.snapshot, specVersion: '', expires: expires.snapshot, meta: metaFiles }));
  await signOnline(snapshot, root, 'snapshot', signers.snapshot);
  const snapshotText = formatMetadataJson(metadataToJSON(snapshot));
  // The timestamp pins the snapshot by length and SHA-256 too, not only by version (TUF 4.6 METAFILES).
  const snapshotMeta = new MetaFile({
    version: versions.snapshot,
    length: Buffer.byteLength(snapshotText),
    hashes: { sha256: toHex(sha256(snapshotText)) },
  });
  const timestamp = new Metadata(new Timestamp({ version: versions.timestamp, specVersion: '', expires: expires.timestamp, snapshotMeta }));
  await signOnline(timestamp, root, 'timestamp', signers.timestamp);
  return { snapshot, snapshotText, timestamp, timestampText: formatMetadataJson(metadataToJSON(timestamp)) };
}
