// JSON-safe summaries of core's EntryView (no byte arrays, dates as ISO strings) and their text rendering: what
// `rootsmith log get --json` prints and what a GUI backend can send over the contract.
import { toBase64 } from '../../core/bytes';
import type { BodyView, EntryView } from '../../core/tlog/entry-view';
import type { VerifierView } from '../../core/tlog/rekor/verifier-view';

export type VerifierSummary =
  | { kind: 'publicKey'; keyDescription: string; keySha256: string; pem: string }
  | {
      kind: 'certificate';
      keyDescription: string;
      keySha256: string;
      subject: string;
      issuer: string;
      serialHex: string;
      notBefore: string;
      notAfter: string;
      sans: { type: string; value: string }[];
      oidcIssuer?: string;
      sha256: string;
      pem: string;
    }
  | { kind: 'invalid'; reason: string };

export type BodySummary =
  | { kind: 'hashedrekord'; apiVersion: string; hashAlgorithm: string; artifactHash: string; signature: string; verifier: VerifierSummary }
  | { kind: 'dsse'; apiVersion: string; envelopeHash: string; payloadHash: string; signatures: { signature: string; verifier: VerifierSummary }[] }
  | { kind: 'other'; reason: string; kindName?: string; apiVersion?: string };

export interface EntrySummary {
  uuid: string;
  logIndex: number;
  integratedTime: number;
  integratedAt: string;
  logId: string;
  leafHash: string;
  uuidMatchesBody: boolean;
  bodyBase64: string;
  decoded: BodySummary;
  proof?: EntryView['proof'];
  signedEntryTimestamp?: string;
}

export function summarizeVerifier(v: VerifierView): VerifierSummary {
  switch (v.kind) {
    case 'publicKey':
      return { kind: 'publicKey', keyDescription: v.keyDescription, keySha256: v.keySha256, pem: v.pem };
    case 'certificate':
      return {
        kind: 'certificate',
        keyDescription: v.keyDescription,
        keySha256: v.keySha256,
        subject: v.subject,
        issuer: v.issuer,
        serialHex: v.serialHex,
        notBefore: v.notBefore.toISOString(),
        notAfter: v.notAfter.toISOString(),
        sans: v.sans,
        ...(v.oidcIssuer !== undefined ? { oidcIssuer: v.oidcIssuer } : {}),
        sha256: v.sha256,
        pem: v.pem,
      };
    case 'invalid':
      return v;
  }
}

function summarizeBody(b: BodyView): BodySummary {
  switch (b.kind) {
    case 'hashedrekord':
      return { ...b, verifier: summarizeVerifier(b.verifier) };
    case 'dsse':
      return { ...b, signatures: b.signatures.map((s) => ({ signature: s.signature, verifier: summarizeVerifier(s.verifier) })) };
    case 'other':
      return b;
  }
}

export function summarizeEntry(v: EntryView): EntrySummary {
  const out: EntrySummary = {
    uuid: v.uuid,
    logIndex: v.logIndex,
    integratedTime: v.integratedTime,
    integratedAt: v.integratedAt.toISOString(),
    logId: v.logId,
    leafHash: v.leafHash,
    uuidMatchesBody: v.uuidMatchesBody,
    bodyBase64: toBase64(v.body),
    decoded: summarizeBody(v.decoded),
  };
  if (v.proof) out.proof = v.proof;
  if (v.signedEntryTimestamp !== undefined) out.signedEntryTimestamp = v.signedEntryTimestamp;
  return out;
}

/** The identities (SAN values) of an entry's certificates; empty for key-signed entries. */
export function entryIdentities(b: BodySummary): string[] {
  const verifiers = b.kind === 'hashedrekord' ? [b.verifier] : b.kind === 'dsse' ? b.signatures.map((s) => s.verifier) : [];
  return verifiers.flatMap((v) => (v.kind === 'certificate' ? v.sans.map((s) => s.value) : []));
}

function verifierLines(v: VerifierSummary, indent: string): string[] {
  switch (v.kind) {
    case 'publicKey':
      return [`${indent}public key   ${v.keyDescription}, SHA-256 ${v.keySha256}`];
    case 'certificate':
      return [
        `${indent}certificate  ${v.keyDescription}, issued by ${v.issuer}`,
        `${indent}identity     ${v.sans.map((s) => `${s.type}:${s.value}`).join(', ') || '(no SAN)'}`,
        ...(v.oidcIssuer ? [`${indent}OIDC issuer  ${v.oidcIssuer}`] : []),
        `${indent}valid        ${v.notBefore} .. ${v.notAfter}`,
      ];
    case 'invalid':
      return [`${indent}verifier     (undecodable: ${v.reason})`];
  }
}

/** Readable text of one entry. */
export function entryText(s: EntrySummary): string {
  const d = s.decoded;
  const lines = [`entry ${s.logIndex}  ${s.uuid}`, `  integrated   ${s.integratedAt} (${s.integratedTime})`, `  leaf hash    ${s.leafHash}`];
  switch (d.kind) {
    case 'hashedrekord':
      lines.push(`  kind         hashedrekord ${d.apiVersion}`, `  artifact     ${d.hashAlgorithm}:${d.artifactHash}`, ...verifierLines(d.verifier, '  '));
      break;
    case 'dsse':
      lines.push(`  kind         dsse ${d.apiVersion}`, `  payload      sha256:${d.payloadHash}`, `  envelope     sha256:${d.envelopeHash}`);
      d.signatures.forEach((sig) => lines.push(...verifierLines(sig.verifier, '  ')));
      break;
    case 'other':
      lines.push(`  kind         ${d.kindName ?? '?'} ${d.apiVersion ?? ''} (${d.reason})`);
      break;
  }
  if (s.proof) {
    lines.push(`  proof        leaf ${s.proof.logIndex} in tree of ${s.proof.treeSize}, ${s.proof.hashes.length} hashes, root ${s.proof.rootHash}`);
    if (s.proof.checkpoint.origin) lines.push(`  checkpoint   "${s.proof.checkpoint.origin}" size ${s.proof.checkpoint.size}`);
  }
  return lines.join('\n');
}
