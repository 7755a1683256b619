// The embedded RFC 3161 timestamp authority: checks its key and chain once at startup, then answers
// DER TimeStampReq bytes with DER TimeStampResp bytes. Transport-free: the HTTP server lives in app/servers.
import { createPublicKey } from 'node:crypto';
import type { Clock } from '../clock';
import type { Signer } from '../keys/signer';
import { checkTsaLeaf, parseCert, verifyChain, type TsaCert } from './certs';
import { TsaError } from './errors';
import { parseTimestampRequest, requestFromDigest, type DigestRequest, type FailureInfo, type RequestParseResult } from './request';
import { rejectionResponse } from './response';
import { FastRequestReader } from './request-fast';
import type { SerialNumberSource } from './serial';
import { TokenTemplate } from './token-template';
import { validAccuracy, type TsaAccuracy } from './tstinfo';

export interface TimestampAuthorityOptions {
  signer: Signer;
  /** DER certificates, TSA leaf first, then intermediates, optionally the root last. */
  chain: readonly Uint8Array[];
  /** The TSA policy OID put in every TSTInfo (RFC 3161 2.4.2 policy). */
  policyOid: string;
  clock: Clock;
  serials: SerialNumberSource;
  /** Default one second. */
  accuracy?: TsaAccuracy;
  /** Put the leaf subject in TSTInfo.tsa. Default false. */
  includeTsaName?: boolean;
  /** Add the optional signingTime signed attribute. Default false. */
  includeSigningTime?: boolean;
}

export interface TimestampResult {
  der: Uint8Array;
  granted: boolean;
  serial?: bigint;
  /** Why a request was rejected (the same text is in the response's statusString). */
  failure?: FailureInfo;
  reason?: string;
  /** For systemFailure: the underlying error, for the operator's log (never sent to the client). */
  error?: unknown;
}

export class TimestampAuthority {
  private issued = 0;

  private constructor(
    private readonly options: Readonly<TimestampAuthorityOptions>,
    leaf: TsaCert,
    /** Everything constant in a token, encoded once; per token only the variable fields are added. */
    private readonly template: TokenTemplate,
  ) {
    this.reader = new FastRequestReader([options.policyOid]);
    this.validFrom = new Date(leaf.node.validFrom).getTime();
    this.validTo = new Date(leaf.node.validTo).getTime();
  }

  /** Common-shape requests without the library's parse and re-encode; anything else goes to parseTimestampRequest. */
  private readonly reader: FastRequestReader;
  private readonly validFrom: number;
  private readonly validTo: number;

  /** Checks the configuration and refuses to start a TSA whose tokens could not verify. */
  static async create(options: TimestampAuthorityOptions): Promise<TimestampAuthority> {
    if (options.chain.length === 0) throw new TsaError('TSA_CHAIN_INVALID', 'the TSA certificate chain is empty');
    if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(options.policyOid)) {
      throw new TsaError('TSA_CONFIG_INVALID', `"${options.policyOid}" is not an object identifier`);
    }
    if (options.accuracy && !validAccuracy(options.accuracy)) {
      throw new TsaError('TSA_CONFIG_INVALID', 'accuracy needs non-negative seconds, millis and micros 0..999, not all zero');
    }
    const chain = options.chain.map((der, i) => parseCert(der, i === 0 ? 'TSA_CERT_INVALID' : 'TSA_CHAIN_INVALID', `certificate ${i}`));
    const leaf = chain[0]!;
    checkTsaLeaf(leaf, options.clock.now(), 'TSA_CERT_INVALID');
    verifyChain(chain, 'TSA_CHAIN_INVALID');
    const signerKey = createPublicKey({ key: Buffer.from(await options.signer.publicKeySpki()), format: 'der', type: 'spki' });
    if (!signerKey.equals(leaf.node.publicKey)) {
      throw new TsaError('TSA_KEY_MISMATCH', `the key ${options.signer.ref} is not the key of the TSA certificate`);
    }
    // What certReq gets: leaf and intermediates; a self-signed root is left out (trust comes from elsewhere).
    const last = chain[chain.length - 1]!;
    const presented = chain.length > 1 && last.node.subject === last.node.issuer ? chain.slice(0, -1) : chain;
    const accuracy = options.accuracy ?? { seconds: 1 };
    const template = new TokenTemplate({
      signer: options.signer,
      leaf,
      presented,
      policyOid: options.policyOid,
      accuracy,
      includeTsaName: options.includeTsaName ?? false,
    });
    return new TimestampAuthority({ ...options, accuracy }, leaf, template);
  }

  get issuedCount(): number {
    return this.issued;
  }

  get policyOid(): string {
    return this.options.policyOid;
  }

  /** The configured chain as given (leaf first), e.g. for a certchain endpoint or trusted_root.json. */
  get certificateChain(): Uint8Array[] {
    return this.options.chain.map((c) => c.slice());
  }

  /** Answers one request. Never throws: bad requests are rejections, internal faults are systemFailure. */
  async respond(reqDer: Uint8Array): Promise<TimestampResult> {
    const fast = reqDer instanceof Uint8Array ? this.reader.read(reqDer) : undefined;
    return this.issue(fast ? { ok: true, request: fast } : parseTimestampRequest(reqDer, { acceptedPolicies: [this.options.policyOid] }));
  }

  /** Answers a request given as a digest (e.g. Sigstore's JSON timestamp request), with the same checks. */
  async respondToDigest(input: DigestRequest): Promise<TimestampResult> {
    let parsed: RequestParseResult;
    try {
      parsed = requestFromDigest(input, { acceptedPolicies: [this.options.policyOid] });
    } catch {
      parsed = { ok: false, failure: 'badDataFormat', reason: 'the request fields are malformed' };
    }
    return this.issue(parsed);
  }

  private async issue(parsed: RequestParseResult): Promise<TimestampResult> {
    if (!parsed.ok) return rejection(parsed.failure, parsed.reason);
    const { request } = parsed;
    let serial: bigint;
    try {
      // First, so genTime is read after any wait for the serial store.
      serial = await this.options.serials.next();
    } catch (e) {
      return { ...rejection('systemFailure', 'the TSA could not issue a token'), error: e };
    }
    let now: Date;
    try {
      now = this.options.clock.now();
      if (Number.isNaN(now.getTime())) throw new Error('invalid date');
    } catch (e) {
      return { ...rejection('timeNotAvailable', 'the TSA time source is not available'), error: e };
    }
    // A token must verify at its genTime: once the certificate has expired (or is not yet valid) refuse to sign.
    const at = now.getTime();
    if (at < this.validFrom || at > this.validTo) {
      const error = new TsaError('TSA_CERT_INVALID', `the TSA certificate is not valid at ${now.toISOString()}`);
      return { ...rejection('systemFailure', 'the TSA certificate is not valid at this time'), error };
    }
    try {
      const der = await this.template.response({
        request,
        serial,
        now,
        ...(this.options.includeSigningTime ? { signingTime: now } : {}),
      });
      this.issued++;
      return { der, granted: true, serial };
    } catch (e) {
      return { ...rejection('systemFailure', 'the TSA could not issue a token'), error: e };
    }
  }
}

function rejection(failure: FailureInfo, reason: string): TimestampResult {
  return { der: rejectionResponse(failure, reason), granted: false, failure, reason };
}
