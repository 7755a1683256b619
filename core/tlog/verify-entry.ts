// Offline verification of one Rekor v1 LogEntry against the log's public key: log ID, SET (inclusion promise),
// inclusion proof (leaf = RFC 6962 hash of the canonicalized body) and the checkpoint's signature and root.
import { bytesEqual, fromBase64, fromHex, sha256, toHex } from '../bytes';
import { verifySignature } from '../keys/spki';
import { leafHash } from './hash';
import { verifyInclusion } from './inclusion-proof';
import { createNoteVerifier } from './note-keys';
import { logIdOf, setPayload } from './rekor/set';
import type { LogEntryWire } from './rekor/wire';
import { openCheckpoint } from './signed-checkpoint';
import { parseSignedNote } from './signed-note';

export type EntryCheckName = 'logId' | 'set' | 'inclusionProof' | 'checkpoint';

export interface EntryCheck {
  check: EntryCheckName;
  ok: boolean;
  /** What was checked, or what failed and why. */
  message: string;
}

export interface EntryVerification {
  ok: boolean;
  checks: EntryCheck[];
}

function checkSet(entry: LogEntryWire, body: Uint8Array, spki: Uint8Array): EntryCheck {
  const set = entry.verification?.signedEntryTimestamp;
  if (set === undefined) return { check: 'set', ok: false, message: 'The entry carries no signed entry timestamp.' };
  const payload = setPayload({ body, integratedTime: entry.integratedTime, logID: entry.logID, logIndex: entry.logIndex });
  const ok = verifySignature(spki, payload, fromBase64(set));
  return { check: 'set', ok, message: ok ? 'The signed entry timestamp verifies with the log key.' : 'The signed entry timestamp does not verify with the log key.' };
}

function checkCheckpoint(envelope: string, spki: Uint8Array, treeSize: number, rootHash: string): EntryCheck {
  try {
    // Rekor v1 names checkpoint keys SHA-256(DER SPKI)[:4] for every key type; the name is the log's hostname.
    const keyId = sha256(spki).slice(0, 4);
    const sig = parseSignedNote(envelope).signatures.find((s) => bytesEqual(s.keyId, keyId));
    if (!sig) return { check: 'checkpoint', ok: false, message: 'No checkpoint signature carries the log key ID.' };
    const opened = openCheckpoint(envelope, [createNoteVerifier(sig.name, spki, { keyId })]);
    const cp = opened.checkpoint;
    if (cp.size !== treeSize || toHex(cp.rootHash) !== rootHash) {
      return { check: 'checkpoint', ok: false, message: `The checkpoint (size ${cp.size}) does not match the proof's tree size ${treeSize} and root.` };
    }
    return { check: 'checkpoint', ok: true, message: `The checkpoint "${cp.origin}" of size ${cp.size} is signed by the log key.` };
  } catch (e) {
    return { check: 'checkpoint', ok: false, message: `The checkpoint does not verify: ${(e as Error).message}` };
  }
}

function checkInclusion(entry: LogEntryWire, body: Uint8Array): EntryCheck {
  const p = entry.verification?.inclusionProof;
  if (!p) return { check: 'inclusionProof', ok: false, message: 'The entry carries no inclusion proof.' };
  if (p.logIndex !== entry.logIndex) return { check: 'inclusionProof', ok: false, message: `The proof is for index ${p.logIndex}, the entry is ${entry.logIndex}.` };
  try {
    verifyInclusion(leafHash(body), p.logIndex, p.treeSize, p.hashes.map((h) => fromHex(h)), fromHex(p.rootHash));
    return { check: 'inclusionProof', ok: true, message: `Entry ${p.logIndex} is included in the tree of ${p.treeSize}.` };
  } catch (e) {
    return { check: 'inclusionProof', ok: false, message: `The inclusion proof does not verify: ${(e as Error).message}` };
  }
}

/** Runs every check (none stops the others) and reports each; `ok` only when all pass. */
export function verifyEntry(entry: LogEntryWire, logPublicKeySpki: Uint8Array): EntryVerification {
  const body = fromBase64(entry.body);
  const expectedId = logIdOf(logPublicKeySpki);
  const checks: EntryCheck[] = [
    {
      check: 'logId',
      ok: entry.logID === expectedId,
      message: entry.logID === expectedId ? 'The log ID is the SHA-256 of the log key.' : `The log ID ${entry.logID} is not the log key's ${expectedId}.`,
    },
    checkSet(entry, body, logPublicKeySpki),
    checkInclusion(entry, body),
  ];
  const p = entry.verification?.inclusionProof;
  checks.push(p ? checkCheckpoint(p.checkpoint, logPublicKeySpki, p.treeSize, p.rootHash) : { check: 'checkpoint', ok: false, message: 'The entry carries no checkpoint.' });
  return { ok: checks.every((c) => c.ok), checks };
}
