// The coordinator's half of a signing session: a returned signature is checked (right request, key allowed for
// the role, valid over exactly the requested bytes) and merged into the staged metadata.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Key, MetadataKind, Signature, type Metadata, type Root, type Targets } from '@tufjs/models';
import { bytesEqual, toHex, sha256 } from '../bytes';
import { TufError } from './errors';
import { parseJsonObject, type JSONObject } from './metadata-json';
import { sessionLayout } from './repo-layout';
import { readMetadata, saveStagedMetadata, stagedMetadataFile } from './repo-state';
import { signedBytes } from './sign-metadata';
import { parseSignatureFile } from './signature-file';
import { loadSigningRequest, parseSigningRequest, requestAuthorizations, type SigningRequest } from './signing-request';
import { statusFromAuthorizations, type ThresholdStatus } from './threshold-status';
import { spkiOfTufKey } from './tuf-key';
import { verifyTufSignature } from './verify-signature';

export interface ImportResult {
  role: string;
  version: number;
  /** Key IDs the signature was recorded under (one public key may be listed under several IDs). */
  keyids: string[];
  /** True when this exact signature was already in the staged metadata: importing it again changed nothing. */
  alreadyImported: boolean;
  status: ThresholdStatus;
}

export function loadSessionRequests(sessionDir: string): SigningRequest[] {
  const dir = sessionLayout(sessionDir).requests;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.request.json'))
    .sort()
    .map((f) => loadSigningRequest(path.join(dir, f)));
}

/** The session's request whose payload has SHA-256 `sha256`; only that one is fully validated (they can be large). */
function findSessionRequest(sessionDir: string, sha256Hex: string): SigningRequest | undefined {
  const dir = sessionLayout(sessionDir).requests;
  if (!fs.existsSync(dir)) return undefined;
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.request.json')) continue;
    const file = path.join(dir, f);
    const raw = parseJsonObject(fs.readFileSync(file), file);
    if (raw['payloadSha256'] === sha256Hex) return parseSigningRequest(raw, file);
  }
  return undefined;
}

export function importSignature(sessionDir: string, signatureFile: unknown): ImportResult {
  const sig = parseSignatureFile(signatureFile);
  const req = findSessionRequest(sessionDir, sig.requestSha256);
  if (!req) {
    throw new TufError(
      'SIGNATURE_WRONG_REQUEST',
      `This signature (${sig.role} v${sig.version}) is for request ${sig.requestSha256.slice(0, 12)}…, which is not a current request of this session; ask the signer to sign the current request.`,
      { details: { role: sig.role, version: sig.version, requestSha256: sig.requestSha256 } },
    );
  }
  const metadataDir = sessionLayout(sessionDir).metadata;
  const file = stagedMetadataFile(metadataDir, req.role);
  const md: Metadata<Root | Targets> = req.role === 'root' ? readMetadata(file, MetadataKind.Root) : readMetadata(file, MetadataKind.Targets);
  // These bytes hash to the request's payload hash, so they are the request's payload: checked once, used throughout.
  const bytes = signedBytes(md);
  if (toHex(sha256(bytes)) !== req.payloadSha256) {
    throw new TufError('SIGNATURE_WRONG_REQUEST', `${req.role} changed after this request was made; make a new request and sign it again.`, {
      details: { role: req.role, version: req.version },
    });
  }
  const entry = req.signers.find((s) => s.keyid === sig.keyid);
  if (!entry) {
    throw new TufError('KEY_NOT_IN_ROLE', `Key ${sig.keyid} may not sign ${req.role} v${req.version}.`, {
      details: { role: req.role, version: req.version, keyid: sig.keyid },
    });
  }
  const key = Key.fromJSON(entry.keyid, entry.key as JSONObject);
  if (!verifyTufSignature(key, bytes, sig.sig)) {
    throw new TufError('SIGNATURE_INVALID', `The signature by ${entry.owner ?? sig.keyid} is not valid over ${req.role} v${req.version} as requested.`, {
      details: { role: req.role, version: req.version, keyid: sig.keyid },
    });
  }
  // The same public key may be listed under two IDs (e.g. old and new root with different annotations).
  const spki = spkiOfTufKey(key);
  const keyids: string[] = [];
  let alreadyImported = true;
  for (const other of req.signers) {
    const k = Key.fromJSON(other.keyid, other.key as JSONObject);
    // Same public key and scheme as the key just checked: same answer, no need to hash the payload again.
    const same = bytesEqual(spki, spkiOfTufKey(k));
    if (same && (k.scheme === key.scheme || verifyTufSignature(k, bytes, sig.sig))) {
      if (md.signatures[k.keyID]?.sig !== sig.sig) alreadyImported = false;
      md.signatures[k.keyID] = new Signature({ keyID: k.keyID, sig: sig.sig });
      keyids.push(k.keyID);
    }
  }
  if (!alreadyImported) saveStagedMetadata(metadataDir, req.role, md);
  return { role: req.role, version: req.version, keyids, alreadyImported, status: statusFromAuthorizations(req.role, md, requestAuthorizations(req), bytes) };
}
