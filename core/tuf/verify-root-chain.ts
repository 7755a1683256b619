// Verifies a history of root metadata 1..N as a TUF client would walk it (TUF spec 5.3.4): each new root is
// signed by a threshold of the previous root's root keys AND of its own, and versions go up by exactly one.
import { Metadata, MetadataKind, type Key, type Root } from '@tufjs/models';
import { TufError } from './errors';
import { canonicalBytes, parseJsonObject, type JSONObject } from './metadata-json';
import { computedKeyId, keyLabel } from './tuf-key';
import { verifyTufSignature } from './verify-signature';

export interface RootFile {
  /** Where the file came from, for messages (e.g. "root_history/3.root.json"). */
  name: string;
  bytes: Uint8Array;
}

export interface ThresholdCheck {
  threshold: number;
  /** Key IDs of the role whose signature verified. */
  validKeyIds: string[];
  /** Owners (or labels) of those keys. */
  validOwners: string[];
  met: boolean;
}

export interface RootVersionReport {
  name: string;
  version: number;
  expires: string;
  /** Against the previous root's root role (absent for the first, trusted, root). */
  byPrevious?: ThresholdCheck;
  /** Against this root's own root role. */
  bySelf: ThresholdCheck;
  /** `"sig": ""` placeholders skipped (tuf-on-ci leaves them for signers who did not sign). */
  emptySignatures: number;
  /** Key IDs listed under an ID that is not the hash of their key object (accepted, as tuf-js does). */
  keyIdMismatches: string[];
  errors: string[];
}

export interface RootChainReport {
  ok: boolean;
  versions: RootVersionReport[];
  errors: { version: number | null; name: string; reason: string }[];
}

/** Counts distinct root-role keys of `trusted` with a valid signature over `bytes` (TUF spec 5.3.4). */
export function checkRootThreshold(trusted: Root, bytes: Uint8Array, sigs: Map<string, string>): ThresholdCheck {
  const role = trusted.roles['root'];
  if (!role) return { threshold: 1, validKeyIds: [], validOwners: [], met: false };
  const valid: Key[] = [];
  for (const keyId of new Set(role.keyIDs)) {
    const key = trusted.keys[keyId];
    const sig = sigs.get(keyId);
    if (key && sig && verifyTufSignature(key, bytes, sig)) valid.push(key);
  }
  return {
    threshold: role.threshold,
    validKeyIds: valid.map((k) => k.keyID),
    validOwners: valid.map(keyLabel),
    met: valid.length >= role.threshold,
  };
}

interface ParsedRoot {
  root: Root;
  bytes: Uint8Array;
  sigs: Map<string, string>;
  empty: number;
}

function parseRoot(file: RootFile): ParsedRoot {
  const json = parseJsonObject(file.bytes, file.name);
  let md: Metadata<Root>;
  try {
    md = Metadata.fromJSON(MetadataKind.Root, json);
  } catch (e) {
    throw new TufError('METADATA_INVALID', `${file.name} is not root metadata: ${(e as Error).message}`, { cause: e });
  }
  const sigs = new Map<string, string>();
  let empty = 0;
  for (const s of Object.values(md.signatures)) {
    if (s.sig === '') empty++;
    else sigs.set(s.keyID, s.sig);
  }
  // Signatures cover the canonical form of `signed` exactly as stored, unknown fields included.
  return { root: md.signed, bytes: canonicalBytes(json['signed'] as JSONObject), sigs, empty };
}

export function verifyRootChain(files: readonly RootFile[]): RootChainReport {
  const versions: RootVersionReport[] = [];
  const errors: RootChainReport['errors'] = [];
  let previous: Root | undefined;
  for (const file of files) {
    let parsed: ParsedRoot;
    try {
      parsed = parseRoot(file);
    } catch (e) {
      errors.push({ version: null, name: file.name, reason: (e as Error).message });
      previous = undefined;
      continue;
    }
    const { root, bytes, sigs, empty } = parsed;
    const report: RootVersionReport = {
      name: file.name,
      version: root.version,
      expires: root.expires,
      bySelf: checkRootThreshold(root, bytes, sigs),
      emptySignatures: empty,
      keyIdMismatches: Object.values(root.keys).filter((k) => computedKeyId(k) !== k.keyID).map((k) => k.keyID),
      errors: [],
    };
    if (previous) {
      report.byPrevious = checkRootThreshold(previous, bytes, sigs);
      if (root.version !== previous.version + 1) {
        report.errors.push(`version ${root.version} does not follow version ${previous.version} (TUF 5.3.5: must be exactly one more)`);
      }
      if (!report.byPrevious.met) {
        report.errors.push(
          `signed by ${report.byPrevious.validKeyIds.length} of the ${report.byPrevious.threshold} root keys required by version ${previous.version}`,
        );
      }
    }
    if (!report.bySelf.met) {
      report.errors.push(`signed by ${report.bySelf.validKeyIds.length} of its own ${report.bySelf.threshold} required root keys`);
    }
    for (const reason of report.errors) errors.push({ version: root.version, name: file.name, reason: `root v${root.version}: ${reason}` });
    versions.push(report);
    previous = root;
  }
  return { ok: errors.length === 0 && versions.length > 0, versions, errors };
}

/** Like verifyRootChain, but throws ROOT_CHAIN_INVALID naming the first broken version. */
export function assertRootChain(files: readonly RootFile[]): RootChainReport {
  const report = verifyRootChain(files);
  if (!report.ok) {
    const first = report.errors[0];
    throw new TufError('ROOT_CHAIN_INVALID', first ? `${first.name}: ${first.reason}` : 'No root metadata given.', {
      details: { version: first?.version ?? null },
    });
  }
  return report;
}
