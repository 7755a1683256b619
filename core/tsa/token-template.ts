// The TSA's per-token fast path: every part of a TimeStampResp that is constant for a TSA (certificates, the
// signing-certificate-v2 attribute, the signer identifier, algorithm identifiers, policy, accuracy, TSA name)
// is encoded once with the library at startup; per token only serial, genTime, imprint, nonce, messageDigest
// and the signature are framed (der-template.ts). Byte-identical to buildTstInfo + buildToken + grantedResponse.
import { createHash, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateChoices, CertificateSet, DigestAlgorithmIdentifiers } from '@peculiar/asn1-cms';
import { PKIStatus, PKIStatusInfo } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier, GeneralName } from '@peculiar/asn1-x509';
import type { HashAlgorithm, Signer } from '../keys/signer';
import { HASH_BY_OID, HASH_OID, OID, cmsAlgorithms } from './algorithms';
import type { TsaCert } from './certs';
import { verifyCms } from './cms-signature';
import { derGeneralizedTime, derIntegerContent, derUnsignedInteger, encodeNode, node, octetStringNode, retag, TAG, tlv } from './der-template';
import { TsaError } from './errors';
import { ObjectIdentifierValue } from './ess';
import type { TimestampRequest } from './request';
import { contentTypeAttribute, signerIdentifier, signingCertificateAttribute, signingTimeAttribute } from './token';
import { asnAccuracy, genTimeFor, type TsaAccuracy } from './tstinfo';

export interface TokenTemplateOptions {
  signer: Signer;
  leaf: TsaCert;
  /** What certReq gets (leaf first). */
  presented: readonly TsaCert[];
  policyOid: string;
  accuracy?: TsaAccuracy;
  /** Put the leaf subject in TSTInfo.tsa. */
  includeTsaName?: boolean;
}

export interface TokenFields {
  request: TimestampRequest;
  serial: bigint;
  /** The TSA's clock reading; cut to the accuracy as buildTstInfo does (genTimeFor). */
  now: Date;
  /** Adds the signingTime signed attribute with this value. */
  signingTime?: Date;
}

const der = (value: object): Uint8Array => new Uint8Array(AsnConvert.serialize(value));
const oid = (value: string): Uint8Array => der(new ObjectIdentifierValue(value));
const VERSION_1 = derUnsignedInteger(1n);
const VERSION_3 = derUnsignedInteger(3n);

export class TokenTemplate {
  private readonly digest: HashAlgorithm;
  private readonly verifyHash: HashAlgorithm | null;
  private readonly verifyKey: KeyObject;
  /** TSTInfo: version and policy; accuracy; [0] tsa (empty when not configured). */
  private readonly tstHead: Uint8Array;
  private readonly tstAccuracy: Uint8Array;
  private readonly tstTsaName: Uint8Array;
  /** MessageImprint AlgorithmIdentifiers as the client sent them (absent or NULL parameters), by hash OID. */
  private readonly imprintAlgs = new Map<string, Uint8Array>();
  private readonly contentTypeAttr: Uint8Array;
  private readonly signingCertAttr: Uint8Array;
  private readonly messageDigestOid: Uint8Array;
  /** SignerInfo fields before signedAttrs (version, sid, digestAlgorithm) and the signatureAlgorithm after. */
  private readonly signerInfoHead: Uint8Array;
  private readonly signatureAlg: Uint8Array;
  /** SignedData fields before encapContentInfo (version, digestAlgorithms). */
  private readonly signedDataHead: Uint8Array;
  private readonly tstInfoOid: Uint8Array;
  /** [0] IMPLICIT CertificateSet (RFC 5652 5.1) for certReq. */
  private readonly certificates: Uint8Array;
  private readonly signedDataOid: Uint8Array;
  private readonly grantedStatus: Uint8Array;

  constructor(private readonly options: Readonly<TokenTemplateOptions>) {
    const { digest, signatureOid } = cmsAlgorithms(options.signer.algorithm);
    this.digest = digest;
    this.verifyHash = options.signer.algorithm === 'ed25519' ? null : digest;
    // One KeyObject for every check-after-sign (X509Certificate.publicKey makes a new one per access).
    this.verifyKey = options.leaf.node.publicKey;
    this.tstHead = concat(VERSION_1, oid(options.policyOid));
    this.tstAccuracy = options.accuracy ? der(asnAccuracy(options.accuracy)) : new Uint8Array(0);
    // TSTInfo tsa [0] GeneralName: explicit, GeneralName being a CHOICE (X.680 31.2.7).
    this.tstTsaName = options.includeTsaName
      ? tlv(TAG.context0, der(new GeneralName({ directoryName: options.leaf.asn.tbsCertificate.subject })))
      : new Uint8Array(0);
    this.contentTypeAttr = der(contentTypeAttribute());
    this.signingCertAttr = der(signingCertificateAttribute(options.leaf));
    this.messageDigestOid = oid(OID.messageDigest);
    const digestAlg = der(new AlgorithmIdentifier({ algorithm: HASH_OID[digest] }));
    this.signerInfoHead = concat(VERSION_1, der(signerIdentifier(options.leaf)), digestAlg);
    this.signatureAlg = der(new AlgorithmIdentifier({ algorithm: signatureOid }));
    this.signedDataHead = concat(VERSION_3, der(new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: HASH_OID[digest] })])));
    this.tstInfoOid = oid(OID.tstInfo);
    const certSet = der(new CertificateSet(options.presented.map((c) => new CertificateChoices({ certificate: c.asn }))));
    // IMPLICIT [0] of a SET: the same length and contents under the context tag (X.690 8.14.3).
    this.certificates = options.presented.length > 0 ? retag(TAG.context0, certSet) : new Uint8Array(0);
    this.signedDataOid = oid(OID.signedData);
    this.grantedStatus = der(new PKIStatusInfo({ status: PKIStatus.granted }));
  }

  /** DER TSTInfo (RFC 3161 2.4.2); ordering FALSE is the DEFAULT and so absent; no extensions. */
  tstInfo(fields: Pick<TokenFields, 'request' | 'serial' | 'now'>): Uint8Array {
    const { request } = fields;
    const imprint = node(TAG.sequence, this.imprintAlgorithm(request), octetStringNode(request.hashedMessage));
    return tlv(
      TAG.sequence,
      this.tstHead,
      imprint,
      derUnsignedInteger(fields.serial),
      derGeneralizedTime(genTimeFor(fields.now, this.options.accuracy)),
      this.tstAccuracy,
      request.nonce ? derIntegerContent(request.nonce) : EMPTY,
      this.tstTsaName,
    );
  }

  /** Signs a token for the request and answers with a granted DER TimeStampResp; the signature is checked first. */
  async response(fields: TokenFields): Promise<Uint8Array> {
    const tstInfo = this.tstInfo(fields);
    const attrs = [
      this.contentTypeAttr,
      tlv(TAG.sequence, this.messageDigestOid, node(TAG.set, octetStringNode(createHash(this.digest).update(tstInfo).digest()))),
      this.signingCertAttr,
    ];
    if (fields.signingTime) attrs.push(der(signingTimeAttribute(fields.signingTime)));
    // DER SET OF: elements in ascending order of their encodings (X.690 11.6).
    attrs.sort((x, y) => Buffer.compare(x, y));
    const toBeSigned = tlv(TAG.set, ...attrs);
    const signature = await this.sign(toBeSigned);
    // The response is built as a tree and written once (der-template.ts): the certificates are copied one time.
    const signerInfo = node(
      TAG.sequence,
      this.signerInfoHead,
      // RFC 5652 5.4: signedAttrs is [0] IMPLICIT in SignerInfo; the signature covers the SET OF form.
      node(TAG.context0, ...attrs),
      this.signatureAlg,
      octetStringNode(signature),
    );
    const signedData = node(
      TAG.sequence,
      this.signedDataHead,
      node(TAG.sequence, this.tstInfoOid, node(TAG.context0, octetStringNode(tstInfo))),
      fields.request.certReq ? this.certificates : EMPTY,
      node(TAG.set, signerInfo),
    );
    const contentInfo = node(TAG.sequence, this.signedDataOid, node(TAG.context0, signedData));
    return encodeNode(node(TAG.sequence, this.grantedStatus, contentInfo));
  }

  private async sign(toBeSigned: Uint8Array): Promise<Uint8Array> {
    const { signer } = this.options;
    let signature: Uint8Array;
    try {
      signature = await signer.sign(toBeSigned, this.digest);
    } catch (e) {
      throw new TsaError('SIGNING_FAILED', `the TSA key ${signer.ref} could not sign the token`, { cause: e });
    }
    // Write, then check (CONVENTIONS 13): a token that does not verify must never leave the TSA. A signer that
    // checks its own signatures has done so against its key, which create() matched to the certificate.
    if (!signer.checksOwnSignatures && !verifyCms(this.verifyKey, this.verifyHash, toBeSigned, signature)) {
      throw new TsaError('SIGNING_FAILED', 'the new token signature does not verify with the TSA certificate key');
    }
    return signature;
  }

  private imprintAlgorithm(request: TimestampRequest): Uint8Array {
    // RFC 3161 2.4.2: messageImprint echoes the request, parameters included (absent or NULL, RFC 5754 2).
    const key = `${request.hashOid}${request.hashParamsNull ? '+null' : ''}`;
    let alg = this.imprintAlgs.get(key);
    if (!alg) {
      alg = der(
        new AlgorithmIdentifier(
          request.hashParamsNull ? { algorithm: request.hashOid, parameters: new Uint8Array([5, 0]).buffer } : { algorithm: request.hashOid },
        ),
      );
      // Bounded: only the three accepted SHA-2 OIDs, each with or without NULL, are kept.
      if (HASH_BY_OID[request.hashOid]) this.imprintAlgs.set(key, alg);
    }
    return alg;
  }
}

const EMPTY = new Uint8Array(0);

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
