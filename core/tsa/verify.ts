// Verifies an RFC 3161 timestamp (response or bare token) against the data and a trusted root:
// imprint, ESS signing certificate, messageDigest, CMS signature, chain to the root, TSA certificate profile.
import { createHash } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import type { Attribute } from '@peculiar/asn1-cms';
import { PKIStatus } from '@peculiar/asn1-tsp';
import type { HashAlgorithm } from '../keys/signer';
import { bytesEqual } from '../bytes';
import { HASH_BY_OID, OID, SIGNATURE_ALGORITHMS, hashName } from './algorithms';
import { checkTsaLeaf, parseCert, type TsaCert } from './certs';
import { TsaError } from './errors';
import { AttributeSet, ESSCertIDv2, ObjectIdentifierValue, SigningCertificate, SigningCertificateV2, type IssuerSerial } from './ess';
import { nameToString } from './names';
import { findSignerCert, openTimestamp, type OpenedToken } from './token-reader';
import { verifyCms } from './cms-signature';
import { buildPath } from './path';

export interface VerifyTimestampOptions {
  /** The timestamped data; or give `digest` when only its hash is at hand. */
  data?: Uint8Array;
  digest?: { algorithm: HashAlgorithm; value: Uint8Array };
  /** DER root certificates to trust. */
  trustedRoots: readonly Uint8Array[];
  /** Extra DER certificates (the TSA leaf, intermediates) for tokens issued without certReq. */
  untrusted?: readonly Uint8Array[];
  /** When given, the TSTInfo nonce must equal it (big-endian INTEGER octets). */
  nonce?: Uint8Array;
  /** When given, the TSTInfo policy must equal it. */
  policyOid?: string;
}

export interface VerifiedTimestamp {
  genTime: Date;
  serial: bigint;
  policyOid: string;
  signerSubject: string;
  /** Subjects from the signing certificate up to the trusted root. */
  chain: string[];
}

function fail(code: ConstructorParameters<typeof TsaError>[0], message: string): TsaError {
  return new TsaError(code, message);
}

export function verifyTimestamp(der: Uint8Array, options: VerifyTimestampOptions): VerifiedTimestamp {
  const opened = openTimestamp(der);
  if (opened.status !== PKIStatus.granted && opened.status !== PKIStatus.grantedWithMods) {
    throw fail('NOT_GRANTED', `the TSA did not grant this request (status ${opened.status})`);
  }
  if (!opened.token) throw fail('TOKEN_INVALID', 'the response is granted but carries no token');
  const t = opened.token;
  checkImprint(t, options);
  if (options.nonce && !(t.tstInfo.nonce && bytesEqual(new Uint8Array(t.tstInfo.nonce), options.nonce))) {
    throw fail('NONCE_MISMATCH', 'the token does not carry the nonce of the request');
  }
  if (options.policyOid && t.tstInfo.policy !== options.policyOid) {
    throw fail('POLICY_MISMATCH', `the token policy is ${t.tstInfo.policy}, expected ${options.policyOid}`);
  }
  const untrusted = (options.untrusted ?? []).map((c, i) => parseCert(c, 'CHAIN_INVALID', `untrusted certificate ${i}`));
  const roots = options.trustedRoots.map((c, i) => parseCert(c, 'CHAIN_INVALID', `trusted root ${i}`));
  const pool = [...t.certificates, ...untrusted];
  const signer = findSignerCert(t.signerInfo, pool);
  if (!signer) throw fail('CHAIN_INVALID', 'the signing certificate is neither in the token nor among the given certificates');
  checkSignedAttributes(t, signer);
  checkSignature(t, signer);
  const genTime = t.tstInfo.genTime;
  const path = buildPath(signer, pool, roots, genTime);
  checkTsaLeaf(signer, genTime, 'CERT_INVALID');
  return {
    genTime,
    serial: BigInt(`0x${Buffer.from(t.tstInfo.serialNumber).toString('hex') || '0'}`),
    policyOid: t.tstInfo.policy,
    signerSubject: nameToString(signer.asn.tbsCertificate.subject),
    chain: path.map((c) => nameToString(c.asn.tbsCertificate.subject)),
  };
}

function checkImprint(t: OpenedToken, options: VerifyTimestampOptions): void {
  const mi = t.tstInfo.messageImprint;
  const alg = HASH_BY_OID[mi.hashAlgorithm.algorithm];
  if (!alg) throw fail('TOKEN_INVALID', `the token's imprint uses ${hashName(mi.hashAlgorithm.algorithm)}, which is not accepted`);
  const actual = new Uint8Array(mi.hashedMessage.buffer);
  let expected: Uint8Array;
  if (options.data) expected = new Uint8Array(createHash(alg.name).update(options.data).digest());
  else if (options.digest) {
    if (options.digest.algorithm !== alg.name) {
      throw fail('IMPRINT_MISMATCH', `the token imprint is ${alg.name}, the digest given is ${options.digest.algorithm}`);
    }
    expected = options.digest.value;
  } else throw fail('IMPRINT_MISMATCH', 'give the data or its digest to verify a timestamp against');
  if (!bytesEqual(actual, expected)) throw fail('IMPRINT_MISMATCH', 'the token was issued for different data');
}

function attr(t: OpenedToken, type: string): ArrayBuffer | undefined {
  const found = (t.signerInfo.signedAttrs ?? []).filter((a: Attribute) => a.attrType === type);
  if (found.length > 1 || (found[0] && found[0].attrValues.length !== 1)) throw fail('TOKEN_INVALID', `signed attribute ${type} must have one value`);
  return found[0]?.attrValues[0];
}

/** RFC 5652 11.1/11.2 contentType and messageDigest; RFC 5816 / RFC 2634 5.4 signing certificate. */
function checkSignedAttributes(t: OpenedToken, signer: TsaCert): void {
  if (!t.signerInfo.signedAttrs) throw fail('TOKEN_INVALID', 'the token has no signed attributes');
  const ct = attr(t, OID.contentType);
  if (!ct || AsnConvert.parse(ct, ObjectIdentifierValue).value !== OID.tstInfo) {
    throw fail('TOKEN_INVALID', 'the signed contentType attribute is missing or not id-ct-TSTInfo');
  }
  const digestAlg = HASH_BY_OID[t.signerInfo.digestAlgorithm.algorithm];
  if (!digestAlg) throw fail('SIGNATURE_INVALID', `unsupported digest algorithm ${t.signerInfo.digestAlgorithm.algorithm}`);
  const md = attr(t, OID.messageDigest);
  const want = createHash(digestAlg.name).update(t.tstInfoDer).digest();
  if (!md || !bytesEqual(new Uint8Array(AsnConvert.parse(md, OctetString).buffer), want)) {
    throw fail('SIGNATURE_INVALID', 'the signed messageDigest does not match the TSTInfo');
  }
  const v2 = attr(t, OID.signingCertificateV2);
  const v1 = attr(t, OID.signingCertificate);
  let id: { hash: HashAlgorithm | 'sha1'; certHash: Uint8Array; issuerSerial?: IssuerSerial } | undefined;
  if (v2) {
    const first: ESSCertIDv2 | undefined = AsnConvert.parse(v2, SigningCertificateV2).certs[0];
    const h = first && (first.hashAlgorithm ? HASH_BY_OID[first.hashAlgorithm.algorithm]?.name : 'sha256');
    if (first && h) id = { hash: h, certHash: new Uint8Array(first.certHash.buffer), ...(first.issuerSerial ? { issuerSerial: first.issuerSerial } : {}) };
  } else if (v1) {
    const first = AsnConvert.parse(v1, SigningCertificate).certs[0];
    if (first) id = { hash: 'sha1', certHash: new Uint8Array(first.certHash.buffer), ...(first.issuerSerial ? { issuerSerial: first.issuerSerial } : {}) };
  }
  if (!id) throw fail('TOKEN_INVALID', 'the token has no usable signing-certificate attribute (RFC 3161 2.4.2, RFC 5816)');
  if (!bytesEqual(new Uint8Array(createHash(id.hash).update(signer.der).digest()), id.certHash)) {
    throw fail('SIGNER_CERT_MISMATCH', 'the signing-certificate attribute names another certificate than the signer');
  }
  if (id.issuerSerial) {
    const tbs = signer.asn.tbsCertificate;
    const dn = id.issuerSerial.issuer.find((g) => g.directoryName)?.directoryName;
    const sameIssuer = dn && bytesEqual(new Uint8Array(AsnConvert.serialize(dn)), new Uint8Array(AsnConvert.serialize(tbs.issuer)));
    if (!sameIssuer || !bytesEqual(new Uint8Array(id.issuerSerial.serialNumber), new Uint8Array(tbs.serialNumber))) {
      throw fail('SIGNER_CERT_MISMATCH', 'the signing-certificate issuer and serial do not match the signer');
    }
  }
}

/** RFC 5652 5.4: the signature covers the DER of the signed attributes with a SET OF tag. */
function checkSignature(t: OpenedToken, signer: TsaCert): void {
  const si = t.signerInfo;
  const alg = SIGNATURE_ALGORITHMS[si.signatureAlgorithm.algorithm];
  if (!alg) throw fail('SIGNATURE_INVALID', `unsupported signature algorithm ${si.signatureAlgorithm.algorithm}`);
  if (!si.signedAttrs) throw fail('TOKEN_INVALID', 'the signed attributes are missing');
  // asn1-schema keeps no raw bytes for SET OF fields (signedAttrsRaw stays unset), so the SET is re-encoded:
  // attribute values are kept as raw octets and in their received order, which gives back the DER the TSA signed.
  const signed = new Uint8Array(AsnConvert.serialize(new AttributeSet(si.signedAttrs)));
  if (!verifyCms(signer.node.publicKey, alg.hash as HashAlgorithm | null, signed, new Uint8Array(si.signature.buffer))) {
    throw fail('SIGNATURE_INVALID', 'the token signature does not verify with the signing certificate key');
  }
}
