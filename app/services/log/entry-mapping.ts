// Turns core's decoded Rekor entry (core/tlog/entry-view) into the contract's shapes: a cheap list row, or the
// full detail with the backend's key checks (SET, inclusion, checkpoint signature; core/tlog/verify-entry).
import { toBase64 } from '../../../core/bytes';
import { viewLogEntry, type BodyView, type EntryView } from '../../../core/tlog/entry-view';
import type { VerifierView } from '../../../core/tlog/rekor/verifier-view';
import type { LogEntryWire } from '../../../core/tlog/rekor/wire';
import { verifyEntry, type EntryCheckName } from '../../../core/tlog/verify-entry';
import type { CheckpointView, DecodedEntryBody, EntryDetail, EntryRow, EntrySignatureView, EntryVerification } from '../../contract/log';

function identityOf(v: VerifierView): string | undefined {
  switch (v.kind) {
    case 'certificate':
      return v.sans[0]?.value ?? (v.subject || undefined);
    case 'publicKey':
      return `${v.keyDescription} key ${v.keySha256.slice(0, 16)}`;
    case 'invalid':
      return undefined;
  }
}

function firstVerifier(b: BodyView): VerifierView | undefined {
  return b.kind === 'hashedrekord' ? b.verifier : b.kind === 'dsse' ? b.signatures[0]?.verifier : undefined;
}

export function rowOf(view: EntryView): EntryRow {
  const b = view.decoded;
  const verifier = firstVerifier(b);
  const identity = verifier ? identityOf(verifier) : undefined;
  const digestHex = b.kind === 'hashedrekord' ? b.artifactHash : b.kind === 'dsse' ? b.payloadHash : undefined;
  return {
    index: view.logIndex,
    uuid: view.uuid,
    kind: b.kind === 'other' ? 'unknown' : b.kind,
    integratedTime: view.integratedTime,
    ...(identity !== undefined ? { identity } : {}),
    ...(digestHex !== undefined ? { digestHex } : {}),
  };
}

export function rowOfWire(uuid: string, entry: LogEntryWire): EntryRow {
  return rowOf(viewLogEntry(uuid, entry));
}

function signatureView(signatureBase64: string, v: VerifierView): EntrySignatureView {
  switch (v.kind) {
    case 'publicKey':
      return { signatureBase64, publicKeyPem: v.pem, publicKeyAlgorithm: v.keyDescription, publicKeyFingerprintHex: v.keySha256 };
    case 'certificate':
      return {
        signatureBase64,
        publicKeyAlgorithm: v.keyDescription,
        publicKeyFingerprintHex: v.keySha256,
        certificatePem: v.pem,
        certificate: {
          subject: v.subject,
          issuer: v.issuer,
          serialHex: v.serialHex,
          notBefore: v.notBefore.toISOString(),
          notAfter: v.notAfter.toISOString(),
          san: v.sans.map((s) => `${s.type}:${s.value}`),
          ...(v.oidcIssuer !== undefined ? { oidcIssuer: v.oidcIssuer } : {}),
          sha256Hex: v.sha256,
        },
      };
    case 'invalid':
      return { signatureBase64, publicKeyAlgorithm: `undecodable verifier: ${v.reason}` };
  }
}

function bodyOf(b: BodyView): DecodedEntryBody {
  switch (b.kind) {
    case 'hashedrekord':
      return { kind: 'hashedrekord', apiVersion: b.apiVersion, digest: { algorithm: b.hashAlgorithm, hex: b.artifactHash }, signatures: [signatureView(b.signature, b.verifier)] };
    case 'dsse':
      return {
        kind: 'dsse',
        apiVersion: b.apiVersion,
        digest: { algorithm: 'sha256', hex: b.payloadHash },
        envelopeDigestHex: b.envelopeHash,
        signatures: b.signatures.map((s) => signatureView(s.signature, s.verifier)),
      };
    case 'other':
      return { kind: 'unknown', apiVersion: b.apiVersion ?? '?', signatures: [] };
  }
}

function verificationOf(entry: LogEntryWire, spki: Uint8Array | undefined): EntryVerification {
  const hasSet = entry.verification?.signedEntryTimestamp !== undefined;
  const hasProof = entry.verification?.inclusionProof !== undefined;
  if (!spki) {
    return {
      signedEntryTimestamp: hasSet ? 'unchecked' : 'missing',
      inclusion: hasProof ? 'valid' : 'missing',
      checkpointSignature: hasProof ? 'unchecked' : 'missing',
      problems: ['The log does not publish its public key: the SET and checkpoint signature were not checked.'],
    };
  }
  const result = verifyEntry(entry, spki);
  const status = (name: EntryCheckName, present: boolean) => (!present ? 'missing' : result.checks.find((c) => c.check === name)?.ok ? 'valid' : 'invalid');
  return {
    signedEntryTimestamp: status('set', hasSet),
    inclusion: status('inclusionProof', hasProof) as EntryVerification['inclusion'],
    checkpointSignature: status('checkpoint', hasProof),
    problems: result.checks.filter((c) => !c.ok).map((c) => c.message),
  };
}

/** The full detail of one entry; `checkpoint` is the proof's checkpoint as the history records it. */
export function detailOf(url: string, uuid: string, entry: LogEntryWire, spki: Uint8Array | undefined, logKeyPem: string | undefined, checkpoint: CheckpointView | undefined): EntryDetail {
  const view = viewLogEntry(uuid, entry);
  const p = view.proof;
  return {
    url,
    index: view.logIndex,
    uuid: view.uuid,
    integratedTime: view.integratedTime,
    logIdHex: view.logId,
    bodyBase64: toBase64(view.body),
    body: bodyOf(view.decoded),
    ...(p
      ? { proof: { logIndex: p.logIndex, treeSize: p.treeSize, rootHashHex: p.rootHash, hashesHex: p.hashes, leafHashHex: view.leafHash, ...(checkpoint ? { checkpoint } : {}) } }
      : {}),
    verification: verificationOf(entry, spki),
    ...(logKeyPem !== undefined ? { logKeyPem } : {}),
    raw: { [uuid]: entry },
  };
}
