// RFC 5280 rules on the certificate's own fields: version, serial, algorithms, time encodings, extensions.
import { KNOWN_EXTENSIONS, OID } from '../oids';
import { SERIAL_OCTETS } from '../serial';
import type { LintRule } from './types';

export const versionRule: LintRule = ({ cert }, report) => {
  if (cert.version !== 3) report('version-3', 'must', 'version', 'RFC 5280 4.1.2.1', `version is v${cert.version}; certificates with extensions must be v3.`);
};

/** Magnitude octets of a serial (its DER content without a leading 0x00 sign octet). */
function magnitude(serial: Uint8Array): Uint8Array {
  return serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial;
}

export const serialRules: LintRule = ({ cert }, report) => {
  const s = cert.serial;
  const src = 'RFC 5280 4.1.2.2';
  if (s.length === 0 || (s[0]! & 0x80) !== 0 || s.every((b) => b === 0)) {
    report('serial-positive', 'must', 'serialNumber', src, 'serialNumber must be a positive integer.');
  }
  if (s.length > 20) report('serial-max-20-octets', 'must', 'serialNumber', src, `serialNumber is ${s.length} octets; at most 20 are allowed.`);
  const m = magnitude(s).length;
  // 64 bits of CSPRNG output is the floor practice has settled on (CA/B BR 7.1); fewer octets cannot hold them.
  if (m < 8) report('serial-entropy', 'must', 'serialNumber', `${src}; CA/B BR 7.1`, `serialNumber has ${m} octets; at least 8 (64 random bits) are required.`);
  // Fulcio asks for a 160-bit serial; we issue exactly 20 octets (serial.ts). A foreign 160-bit random serial
  // may encode in 19 octets when its top octet happens to be zero, so this is our policy, not a MUST.
  else if (m < SERIAL_OCTETS) report('serial-160-bit', 'policy', 'serialNumber', 'Fulcio certificate-specification', `serialNumber has ${m} octets; Rootsmith issues 20-octet (160-bit) serials.`);
};

const NO_PARAMS = new Set<string>([OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512, OID.ed25519]);

export const algorithmFieldRules: LintRule = ({ cert }, report) => {
  if (cert.tbsSignatureOid !== cert.signatureOid || cert.tbsSignatureParams !== cert.signatureParams) {
    report('signature-algorithm-fields-equal', 'must', 'signatureAlgorithm', 'RFC 5280 4.1.1.2', `signatureAlgorithm ${cert.signatureOid} differs from the TBS signature field ${cert.tbsSignatureOid}.`);
  }
  if (NO_PARAMS.has(cert.signatureOid) && cert.signatureParams) {
    report('signature-algorithm-parameters', 'must', 'signatureAlgorithm', 'RFC 5758 3.2; RFC 8410 3', 'ECDSA and Ed25519 AlgorithmIdentifiers must omit parameters.');
  }
};

export const timeRules: LintRule = ({ cert, at }, report) => {
  const src = 'RFC 5280 4.1.2.5';
  for (const [field, date, enc] of [
    ['validity.notBefore', cert.notBefore, cert.notBeforeEncoding],
    ['validity.notAfter', cert.notAfter, cert.notAfterEncoding],
  ] as const) {
    const y = date.getUTCFullYear();
    const want = y >= 1950 && y < 2050 ? 'utc' : 'generalized';
    if (enc !== want) report('time-encoding', 'must', field, src, `${field} (${date.toISOString()}) must be ${want === 'utc' ? 'UTCTime (before 2050)' : 'GeneralizedTime (2050 and later)'}.`);
  }
  if (cert.notBefore.getTime() >= cert.notAfter.getTime()) {
    report('validity-order', 'must', 'validity', src, `validity.notBefore (${cert.notBefore.toISOString()}) must be before notAfter (${cert.notAfter.toISOString()}).`);
  }
  if (at && at.getTime() > cert.notAfter.getTime()) {
    report('validity-expired', 'must', 'validity.notAfter', src, `The certificate expired at ${cert.notAfter.toISOString()}, before ${at.toISOString()}.`);
  } else if (at && at.getTime() < cert.notBefore.getTime()) {
    report('validity-not-yet-valid', 'should', 'validity.notBefore', src, `The certificate is not valid until ${cert.notBefore.toISOString()}.`);
  }
};

export const extensionListRules: LintRule = ({ cert }, report) => {
  const src = 'RFC 5280 4.2';
  const seen = new Set<string>();
  for (const e of cert.extensions) {
    if (seen.has(e.oid)) report('extension-duplicate', 'must', `extensions.${e.oid}`, src, `Extension ${e.oid} appears more than once.`);
    seen.add(e.oid);
    if (e.critical && !KNOWN_EXTENSIONS.has(e.oid)) {
      report('extension-critical-unknown', 'must', `extensions.${e.oid}`, src, `Extension ${e.oid} is critical but not one Rootsmith or common clients process; relying parties must reject it.`);
    }
  }
  for (const oid of cert.malformed) report('extension-malformed', 'must', `extensions.${oid}`, src, `Extension ${oid} does not decode.`);
  const ski = cert.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  if (ski?.critical) report('ski-not-critical', 'must', 'extensions.subjectKeyIdentifier', 'RFC 5280 4.2.1.2', 'subjectKeyIdentifier must be non-critical.');
  if (cert.authorityKeyId?.critical) report('aki-not-critical', 'must', 'extensions.authorityKeyIdentifier', 'RFC 5280 4.2.1.1', 'authorityKeyIdentifier must be non-critical.');
  if (cert.subjectKeyId && cert.subjectKeyId.length === 0) report('ski-empty', 'must', 'extensions.subjectKeyIdentifier', 'RFC 5280 4.2.1.2', 'subjectKeyIdentifier is empty.');
  if (cert.authorityKeyId && cert.authorityKeyId.value === undefined) {
    report('aki-key-identifier', 'must', 'extensions.authorityKeyIdentifier', 'RFC 5280 4.2.1.1', 'authorityKeyIdentifier must carry a keyIdentifier.');
  }
};
