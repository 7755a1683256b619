// RFC 6962 3.2-3.4 / 3.5 structures in TLS presentation encoding (RFC 5246 4): the SCT, the data an SCT and a
// tree head signature cover, the MerkleTreeLeaf of a precert entry, and the SCT list of the X.509 extension.
import { CaError } from '../errors';

/** Appends TLS-encoded integers and length-prefixed vectors. */
export class TlsWriter {
  private readonly parts: Uint8Array[] = [];

  u8(v: number): this {
    return this.uint(v, 1);
  }
  u16(v: number): this {
    return this.uint(v, 2);
  }
  u24(v: number): this {
    return this.uint(v, 3);
  }
  /** uint64: timestamps in milliseconds and tree sizes (both below 2^53 here). */
  u64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(v));
    this.parts.push(new Uint8Array(b));
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(b);
    return this;
  }
  /** opaque<0..2^(8*lengthBytes)-1> */
  vector(b: Uint8Array, lengthBytes: 1 | 2 | 3): this {
    if (b.length >= 2 ** (8 * lengthBytes)) throw new RangeError(`vector of ${b.length} bytes exceeds a ${lengthBytes}-byte length`);
    return this.uint(b.length, lengthBytes).bytes(b);
  }
  private uint(v: number, n: number): this {
    const out = new Uint8Array(n);
    for (let i = n - 1, x = v; i >= 0; i--, x = Math.floor(x / 256)) out[i] = x & 0xff;
    this.parts.push(out);
    return this;
  }
  finish(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.parts));
  }
}

/** Reads what TlsWriter writes; CT_BAD_REQUEST on truncation. */
export class TlsReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  uint(n: number): number {
    const b = this.take(n);
    return b.reduce((acc, x) => acc * 256 + x, 0);
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new CaError('CT_BAD_REQUEST', 'A TLS structure is truncated.');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  vector(lengthBytes: number): Uint8Array {
    return this.take(this.uint(lengthBytes));
  }
  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

export const SCT_VERSION_V1 = 0;
const SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP = 0;
const SIGNATURE_TYPE_TREE_HASH = 1;
const LOG_ENTRY_TYPE_PRECERT = 1;
const MERKLE_LEAF_TIMESTAMPED_ENTRY = 0;
/** RFC 5246 7.4.1.4.1: HashAlgorithm sha256(4), SignatureAlgorithm ecdsa(3). */
const HASH_SHA256 = 4;
const SIG_ECDSA = 3;

/** The PreCert of RFC 6962 3.2: SHA-256 of the issuer's SPKI and the TBSCertificate without the poison. */
export interface PreCert {
  issuerKeyHash: Uint8Array;
  tbsCertificate: Uint8Array;
}

export interface Sct {
  logId: Uint8Array;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** DER ECDSA signature over sctSignatureInput(). */
  signature: Uint8Array;
}

/** RFC 6962 3.2 digitally-signed struct of an SCT for a precert_entry (CtExtensions empty). */
export function sctSignatureInput(timestamp: number, pre: PreCert): Uint8Array {
  return precertEntry(SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP, timestamp, pre);
}

/** RFC 6962 3.4 MerkleTreeLeaf for a precert entry: what the log's leaf hash covers. */
export function merkleTreeLeaf(timestamp: number, pre: PreCert): Uint8Array {
  return precertEntry(MERKLE_LEAF_TIMESTAMPED_ENTRY, timestamp, pre);
}

/** Both structures above: version, one type byte, then the same timestamp + precert entry + empty extensions. */
function precertEntry(typeByte: number, timestamp: number, pre: PreCert): Uint8Array {
  return new TlsWriter()
    .u8(SCT_VERSION_V1)
    .u8(typeByte)
    .u64(timestamp)
    .u16(LOG_ENTRY_TYPE_PRECERT)
    .bytes(pre.issuerKeyHash)
    .vector(pre.tbsCertificate, 3)
    .vector(new Uint8Array(0), 2)
    .finish();
}

/** RFC 6962 3.5 TreeHeadSignature input. */
export function treeHeadSignatureInput(timestamp: number, treeSize: number, rootHash: Uint8Array): Uint8Array {
  return new TlsWriter().u8(SCT_VERSION_V1).u8(SIGNATURE_TYPE_TREE_HASH).u64(timestamp).u64(treeSize).bytes(rootHash).finish();
}

/** RFC 5246 4.7 DigitallySigned: algorithm pair then the signature vector (SHA-256 + ECDSA). */
export function digitallySigned(signature: Uint8Array): Uint8Array {
  return new TlsWriter().u8(HASH_SHA256).u8(SIG_ECDSA).vector(signature, 2).finish();
}

/** RFC 6962 3.2 SignedCertificateTimestamp, TLS-encoded (what the SCT list carries). */
export function encodeSct(sct: Sct): Uint8Array {
  return new TlsWriter().u8(SCT_VERSION_V1).bytes(sct.logId).u64(sct.timestamp).vector(new Uint8Array(0), 2).bytes(digitallySigned(sct.signature)).finish();
}

export function decodeSct(bytes: Uint8Array): Sct {
  const r = new TlsReader(bytes);
  if (r.uint(1) !== SCT_VERSION_V1) throw new CaError('CT_SUBMISSION', 'The SCT is not version 1.');
  const logId = r.take(32).slice();
  const timestamp = r.uint(8);
  r.vector(2);
  if (r.uint(1) !== HASH_SHA256 || r.uint(1) !== SIG_ECDSA) throw new CaError('CT_SUBMISSION', 'The SCT is not signed with ECDSA over SHA-256.');
  const signature = r.vector(2).slice();
  if (!r.done) throw new CaError('CT_SUBMISSION', 'The SCT has trailing bytes.');
  return { logId, timestamp, signature };
}

/** RFC 6962 3.3 SignedCertificateTimestampList: a u16-length list of u16-length SCTs. */
export function encodeSctList(scts: readonly Uint8Array[]): Uint8Array {
  const inner = new TlsWriter();
  for (const s of scts) inner.vector(s, 2);
  return new TlsWriter().vector(inner.finish(), 2).finish();
}

/** RFC 6962 4.1 PrecertChainEntry, the extra_data of a precert entry: the precertificate and its chain. */
export function precertChainEntry(chain: readonly Uint8Array[]): Uint8Array {
  const rest = new TlsWriter();
  for (const c of chain.slice(1)) rest.vector(c, 3);
  return new TlsWriter().vector(chain[0]!, 3).vector(rest.finish(), 3).finish();
}
