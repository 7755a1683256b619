// The tsa service: the embedded RFC 3161 timestamp authority run inside this backend (start, stop, status), and
// tools that work with any TSA: timestamp a file, verify a token, decode a token. Secrets travel only in start.
import { z } from 'zod';

const filePath = z.string().min(1, 'path is empty').max(4096);
/** The web host accepts 1 MiB bodies; base64 data must fit inside with the rest of the request. */
const base64 = (what: string) => z.string().min(1, `${what} is empty`).max(1_000_000, `${what} is too large to send; give a path instead`).regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, `${what} must be base64`);
const oid = z.string().regex(/^[0-2](\.(0|[1-9][0-9]*))+$/, 'must be an object identifier such as 1.3.6.1.4.1.57264.2');
const url = z.string().url('must be an http(s) URL').max(2048).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const tsaSchemas = {
  status: z.object({}).strict(),
  start: z
    .object({
      /** Where the TSA keeps its key, chain and serial state; default: the app data directory. */
      dataDir: filePath.optional(),
      /** A PKCS#11 URI or a key file; with `chainPath`. Neither: a rehearsal TSA made in dataDir. */
      key: z.string().min(1).max(4096).optional(),
      chainPath: filePath.optional(),
      policy: oid.optional(),
      /** PIN (PKCS#11) or passphrase (key file) for `key`; used once and never kept. */
      secret: z.string().min(1).max(1024).optional(),
    })
    .strict()
    .refine((r) => (r.key === undefined) === (r.chainPath === undefined), { message: 'give key and chainPath together, or neither for a rehearsal TSA', path: ['key'] }),
  stop: z.object({}).strict(),
  stamp: z
    .object({
      dataBase64: base64('dataBase64').optional(),
      path: filePath.optional(),
      /** The TSA to ask; default: the TSA running in this backend. */
      url: url.optional(),
    })
    .strict()
    .refine((r) => (r.dataBase64 === undefined) !== (r.path === undefined), { message: 'give exactly one of dataBase64 or path', path: ['dataBase64'] }),
  verify: z
    .object({
      /** A TimeStampResp or a bare token (DER), base64. */
      tokenBase64: base64('tokenBase64'),
      dataBase64: base64('dataBase64').optional(),
      dataPath: filePath.optional(),
      /** The TSA chain as PEM, leaf first, ending with the root to trust. */
      chainPem: z.string().min(1, 'chainPem is empty').max(200_000).includes('-----BEGIN CERTIFICATE-----', { message: 'chainPem has no PEM certificate' }),
      policy: oid.optional(),
    })
    .strict()
    .refine((r) => (r.dataBase64 === undefined) !== (r.dataPath === undefined), { message: 'give exactly one of dataBase64 or dataPath', path: ['dataBase64'] }),
  decode: z.object({ tokenBase64: base64('tokenBase64') }).strict(),
} as const;

export interface TsaCertSummary {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  sha256Hex: string;
}

export interface TsaStatus {
  running: boolean;
  /** Who runs it: this screen's own TSA, or the Services stack (then stop it there). */
  source?: 'tsa' | 'stack';
  url?: string;
  policyOid?: string;
  /** True for the rehearsal identity made in the data directory (never a production TSA). */
  rehearsal?: boolean;
  keyRef?: string;
  dataDir?: string;
  /** Tokens issued since this TSA started. */
  issued: number;
  /** Leaf first, root last. */
  chain: TsaCertSummary[];
  chainPem?: string;
}

/** A decoded TimeStampResp or token, for display (structure only: `verify` decides trust). */
export interface DecodedTimestampView {
  status: string | number;
  statusStrings: string[];
  failures: string[];
  token?: {
    genTime: string;
    policyOid: string;
    serialHex: string;
    imprint: { algorithm: string; algorithmOid: string; hashHex: string };
    nonceHex?: string;
    accuracy?: { seconds: number; millis: number; micros: number };
    ordering: boolean;
    tsaName?: string;
    signatureAlgorithm: string;
    digestAlgorithm: string;
    signer?: TsaCertSummary;
    signerId: { issuer?: string; serialHex?: string; keyIdHex?: string };
    certificates: TsaCertSummary[];
  };
}

export interface StampResult {
  url: string;
  /** The TimeStampResp as received (DER, base64): what `tsa stamp --out` writes. */
  tokenBase64: string;
  decoded: DecodedTimestampView;
}

export interface VerifyResult {
  valid: true;
  genTime: string;
  serialHex: string;
  policyOid: string;
  signerSubject: string;
  /** Subjects from the signing certificate up to the trusted root. */
  chain: string[];
  decoded: DecodedTimestampView;
}

export interface TsaResponses {
  status: TsaStatus;
  start: TsaStatus;
  stop: TsaStatus;
  stamp: StampResult;
  verify: VerifyResult;
  decode: DecodedTimestampView;
}
