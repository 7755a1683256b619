// What the GUI shows of a ceremony directory while and after it runs: the transcript decoded line by line, and
// the certificates it recorded decoded field by field (RFC 5280 4.1, 4.2.1), read from the files on disk.
import fs from 'node:fs';
import path from 'node:path';
import { sha256, toHex, toPem } from '../../core/bytes';
import { checkTranscriptText, digestWords, TRANSCRIPT_FILE, type TranscriptEntry } from '../../core/ceremony';
import { joinPemLines } from '../../core/ceremony/steps/pem-lines';
import { describeKey, OID, pemToChain, viewCertificate } from '../../core/pki';
import { rfc4514Name } from './ceremony-check';
import type { CeremonyCertificateView, CeremonyTranscriptView, TranscriptLineView } from '../contract/ceremony';

const OID_NAMES: Record<string, string> = {
  [OID.codeSigning]: 'Code signing',
  [OID.timeStamping]: 'Time stamping',
  [OID.ecdsaWithSha256]: 'ECDSA with SHA-256',
  [OID.ecdsaWithSha384]: 'ECDSA with SHA-384',
  [OID.ecdsaWithSha512]: 'ECDSA with SHA-512',
  [OID.ed25519]: 'Ed25519',
};

/** The first 8 bytes of a SHA-256 as words, as fingerprints.txt prints them. */
const words8 = (hex: string): string => digestWords(hex, 8);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Subject and issuer in RFC 4514 order, read from the certificate the line records (the line's own strings are in encoding order). */
function namesOf(d: Record<string, unknown>): { subject: string; issuer: string } {
  try {
    const der = pemToChain(joinPemLines(d.certificatePem))[0];
    if (der) {
      const v = viewCertificate(der);
      return { subject: rfc4514Name(v.subject), issuer: rfc4514Name(v.issuer) };
    }
  } catch {
    // Fall back to the strings the line recorded.
  }
  return { subject: str(d.subject) ?? '', issuer: str(d.issuer) ?? '' };
}

function lineView(e: TranscriptEntry, raw: string): TranscriptLineView {
  const d = e.data ?? {};
  const view: TranscriptLineView = { seq: e.seq, time: e.time, kind: e.kind, action: e.action, outputs: e.outputs ?? [], hash: e.hash, raw };
  if (e.step !== undefined) view.step = e.step;
  if (e.operator !== undefined) view.operator = e.operator;
  if (e.witnesses !== undefined) view.witnesses = e.witnesses;
  const confirmation = str(d.confirmation);
  if (confirmation !== undefined) view.confirmation = confirmation;
  const spki = str(d.spkiSha256);
  const certSha = str(d.certificateSha256);
  if (certSha !== undefined) {
    view.certificate = { ...namesOf(d), sha256: certSha, words: words8(certSha) };
  } else if (spki !== undefined && str(d.label) !== undefined && e.kind === 'step' && ['generated', 'adopted', 'found'].includes(str(d.status) ?? '')) {
    // Only the key steps' own records (keyData): a public-key export names the same key again.
    const uri = str(d.uri);
    view.key = { label: str(d.label)!, algorithm: str(d.algorithm) ?? '', spkiSha256: spki, words: words8(spki), ...(uri !== undefined ? { uri } : {}) };
  }
  return view;
}

export function transcriptView(dirArg: string): CeremonyTranscriptView {
  const dir = path.resolve(dirArg);
  const file = path.join(dir, TRANSCRIPT_FILE);
  if (!fs.existsSync(file)) return { dir, lines: [], digest: null, chainOk: true };
  let text = fs.readFileSync(file, 'utf8');
  // A line being appended right now is not shown until it is complete.
  text = text.slice(0, text.lastIndexOf('\n') + 1);
  const check = checkTranscriptText(text);
  const raws = text.split('\n');
  return { dir, lines: check.entries.map((e) => lineView(e, raws[e.seq - 1] ?? '')), digest: check.digest, chainOk: check.ok };
}

function certificateView(step: string, file: string, der: Uint8Array): CeremonyCertificateView {
  const v = viewCertificate(der);
  const hex = toHex(sha256(der));
  const view: CeremonyCertificateView = {
    step,
    file,
    subject: rfc4514Name(v.subject),
    issuer: rfc4514Name(v.issuer),
    selfIssued: toHex(v.subject) === toHex(v.issuer),
    serialHex: toHex(v.serial),
    notBefore: v.notBefore.toISOString(),
    notAfter: v.notAfter.toISOString(),
    publicKey: describeKey(v.key),
    signatureAlgorithm: OID_NAMES[v.signatureOid] ?? v.signatureOid,
    fingerprint: { sha256Hex: hex, words: words8(hex) },
    pem: toPem(der, 'CERTIFICATE'),
  };
  if (v.basicConstraints) view.basicConstraints = { critical: v.basicConstraints.critical, ...v.basicConstraints.value };
  if (v.keyUsage) view.keyUsage = { critical: v.keyUsage.critical, usages: [...v.keyUsage.value] };
  if (v.extKeyUsage) view.extKeyUsage = { critical: v.extKeyUsage.critical, usages: v.extKeyUsage.value.map((oid) => ({ oid, name: OID_NAMES[oid] ?? oid })) };
  if (v.subjectKeyId) view.subjectKeyIdHex = toHex(v.subjectKeyId);
  if (v.authorityKeyId?.value) view.authorityKeyIdHex = toHex(v.authorityKeyId.value);
  return view;
}

/** Every certificate a step line recorded, decoded from its output file (which `verify` checks against the hash). */
export function certificateViews(dirArg: string): { dir: string; certificates: CeremonyCertificateView[] } {
  const { dir, lines } = transcriptView(dirArg);
  const certificates: CeremonyCertificateView[] = [];
  for (const line of lines) {
    if (line.kind !== 'step' || !line.certificate || line.step === undefined) continue;
    for (const out of line.outputs) {
      const p = path.resolve(dir, out.file);
      if (!p.startsWith(dir + path.sep) || !fs.existsSync(p) || !out.file.endsWith('.pem')) continue;
      const der = pemToChain(fs.readFileSync(p, 'utf8'))[0];
      if (der && toHex(sha256(der)) === line.certificate.sha256) certificates.push(certificateView(line.step, out.file, der));
    }
  }
  return { dir, certificates };
}
