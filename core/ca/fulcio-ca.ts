// The local short-lived code-signing CA (Fulcio certificate-specification "Issued Certificate"): from a verified
// identity token and a proven public key it issues a 10-minute leaf through core/pki's lint-before-sign. With a
// CT log it first signs a precertificate (RFC 6962 3.1, poison last), gets an SCT, and embeds the SCT list in
// the final certificate in the poison's place, so final TBS minus SCT list == precert TBS minus poison.
import { bytesEqual, toPem } from '../bytes';
import type { Clock } from '../clock';
import type { Signer } from '../keys/signer';
import { issuerFromCertificate, type IssuerInfo } from '../pki/profiles/common';
import { fulcioLeafProfile } from '../pki/profiles/fulcio-leaf';
import { lintBeforeSign, signLinted } from '../pki/lint/issue';
import { OID } from '../pki/oids';
import { randomSerial, systemRandom, type RandomSource } from '../pki/serial';
import { viewCertificate } from '../pki/cert-view';
import { signTbsToCertificate, encodeTbs, type CertExtension, type CertificateTemplate } from '../pki/x509';
import { CaError } from './errors';
import { checkProofOfPossession } from './proof-of-possession';
import type { VerifiedToken } from './oidc-verify';
import { OID_CT_POISON, OID_CT_SCT_LIST, poisonExt, sctListExt, tbsWithout } from './ctlog/precert';
import type { PrecertSubmitter } from './ctlog/ct-log';
import { encodeSctList } from './ctlog/tls';

export interface FulcioCaOptions {
  /** The issuing (intermediate) key: software or PKCS#11. */
  signer: Signer;
  /** The CA chain, issuing certificate first, root last (DER). */
  chain: readonly Uint8Array[];
  clock: Clock;
  /** When set, every certificate gets an embedded SCT from this log. */
  ctLog?: PrecertSubmitter;
  /** Default 10 (Fulcio issues 10-minute certificates). */
  lifetimeMinutes?: number;
  random?: RandomSource;
}

export interface SigningCertRequest {
  token: VerifiedToken;
  /** DER SubjectPublicKeyInfo of the key to certify. */
  publicKey: Uint8Array;
  /** The key's signature over the token's identity (see proof-of-possession.ts). */
  proofOfPossession: Uint8Array;
}

export interface IssuedSigningCert {
  /** Leaf first, then the CA chain up to the root (DER). */
  chain: Uint8Array[];
  /** The same chain as PEM strings (the Fulcio v2 response form). */
  chainPem: string[];
  /** The TLS-encoded SCT embedded in the leaf, when a CT log is configured. */
  sct?: Uint8Array;
}

/** Fulcio certificate-specification: the deprecated 1.3.6.1.4.1.57264.1.1 holds the issuer URL as raw bytes, not DER. */
function fulcioIssuerV1Ext(issuer: string): CertExtension {
  return { oid: OID.fulcioIssuerV1, critical: false, value: new TextEncoder().encode(issuer) };
}

/** Fulcio certificate-specification: an email SAN for email tokens, else the subject as a URI SAN. */
function sanOf(token: VerifiedToken): { email: string } | { uri: string } {
  if (token.email) return { email: token.email };
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(token.subject)) return { uri: token.subject };
  throw new CaError('IDENTITY_UNSUPPORTED', `The token from ${token.issuer} has no verified email and its subject "${token.subject}" is not a URI.`);
}

export class FulcioCa {
  private readonly issuer: IssuerInfo;
  private issuedCount = 0;

  constructor(private readonly opts: FulcioCaOptions) {
    if (opts.chain.length === 0) throw new CaError('CA_CONFIG', 'The CA chain is empty.');
    this.issuer = issuerFromCertificate(opts.chain[0]!);
    if (this.issuer.keyAlgorithm !== opts.signer.algorithm) {
      throw new CaError('CA_CONFIG', `The CA certificate holds an ${this.issuer.keyAlgorithm} key but the signer ${opts.signer.ref} is ${opts.signer.algorithm}.`);
    }
  }

  /** Checks the CA signer holds the issuing certificate's key (call once at start). */
  async checkKey(): Promise<void> {
    if (!bytesEqual(await this.opts.signer.publicKeySpki(), viewCertificate(this.opts.chain[0]!).spki)) {
      throw new CaError('CA_CONFIG', `The key ${this.opts.signer.ref} is not the key of the CA certificate.`);
    }
  }

  get issued(): number {
    return this.issuedCount;
  }

  get caChain(): readonly Uint8Array[] {
    return this.opts.chain;
  }

  async issue(req: SigningCertRequest): Promise<IssuedSigningCert> {
    checkProofOfPossession(req.publicKey, req.token, req.proofOfPossession);
    const now = this.opts.clock.now();
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + (this.opts.lifetimeMinutes ?? 10) * 60_000);
    if (notAfter > this.issuer.notAfter) throw new CaError('CA_CONFIG', `The CA certificate expires at ${this.issuer.notAfter.toISOString()}, before a new certificate would.`);
    const base = fulcioLeafProfile.build({
      issuer: this.issuer,
      subjectPublicKey: req.publicKey,
      notBefore,
      notAfter,
      serialNumber: randomSerial(this.opts.random ?? systemRandom),
      san: sanOf(req.token),
      oidcIssuer: req.token.issuer,
    });
    const template: CertificateTemplate = { ...base, extensions: [...base.extensions, fulcioIssuerV1Ext(req.token.issuer)] };
    const issuerDer = this.opts.chain[0]!;
    const ct = this.opts.ctLog;
    if (!ct) {
      const issued = await signLinted(await lintBeforeSign(template, fulcioLeafProfile, issuerDer, now), this.opts.signer, now);
      return this.result(issued.der);
    }
    // Lint the certificate as it will be (an SCT list in the poison's place) before anything is signed.
    const placeholder = sctListExt(encodeSctList([]));
    await lintBeforeSign({ ...template, extensions: [...template.extensions, placeholder] }, fulcioLeafProfile, issuerDer, now);
    const precertTbs = encodeTbs({ ...template, extensions: [...template.extensions, poisonExt()] });
    const precert = await signTbsToCertificate(precertTbs, this.opts.signer);
    let sct: Uint8Array;
    try {
      sct = await ct.submitPrecert([precert.der, ...this.opts.chain]);
    } catch (e) {
      throw new CaError('CT_SUBMISSION', 'The CT log did not accept the precertificate; no certificate was issued.', { cause: e });
    }
    const finalTemplate = { ...template, extensions: [...template.extensions, sctListExt(encodeSctList([sct]))] };
    const issued = await signLinted(await lintBeforeSign(finalTemplate, fulcioLeafProfile, issuerDer, now), this.opts.signer, now);
    // RFC 6962 3.1: what the log signed must be what a verifier rebuilds from the final certificate.
    if (!bytesEqual(tbsWithout(issued.tbsDer, OID_CT_SCT_LIST), tbsWithout(precertTbs, OID_CT_POISON))) {
      throw new CaError('CT_SUBMISSION', 'The final certificate does not match its precertificate; refusing to hand it out.');
    }
    return { ...this.result(issued.der), sct };
  }

  private result(leaf: Uint8Array): IssuedSigningCert {
    this.issuedCount++;
    const chain = [leaf, ...this.opts.chain];
    return { chain, chainPem: chain.map((d) => toPem(d, 'CERTIFICATE')) };
  }
}
