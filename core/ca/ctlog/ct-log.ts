// An RFC 6962 Certificate Transparency log for precertificates, for rehearsals: it checks a precert chain
// against its accepted roots, signs an SCT (3.2), appends the MerkleTreeLeaf (3.4) to a durable core/tlog
// TileLog (tiles + checkpoint, fsynced before the SCT is returned, so the merge delay is zero), and serves
// signed tree heads (3.5), proofs (4.5, 4.4) and entries (4.6). extra_data (4.1) sits beside it, one file per entry.
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesEqual, sha256, toHex } from '../../bytes';
import type { Clock } from '../../clock';
import type { Signer } from '../../keys/signer';
import { verifySignature } from '../../keys/spki';
import { viewCertificate } from '../../pki/cert-view';
import { verifyCertificateSignature } from '../../pki/x509';
import { TileLog } from '../../tlog/tile-log';
import { CaError } from '../errors';
import { preCertOf } from './precert';
import { digitallySigned, encodeSct, merkleTreeLeaf, precertChainEntry, sctSignatureInput, treeHeadSignatureInput, type Sct } from './tls';

export interface CtLogOptions {
  /** The log key: ECDSA P-256 (RFC 6962 2.1.4 allows P-256 or RSA; sigstore's ctlogs use P-256). */
  signer: Signer;
  clock: Clock;
  /** DER root certificates whose chains the log accepts (RFC 6962 3.1). */
  roots: readonly Uint8Array[];
  /** Checkpoint origin of the underlying tile log. */
  origin?: string;
  /** fsync every append (default true). */
  fsync?: boolean;
}

/** What add-pre-chain answers (RFC 6962 4.1), decoded. */
export interface AddedPrecert {
  sct: Sct;
  /** The TLS-encoded SCT, ready for an SCT list. */
  sctBytes: Uint8Array;
  index: number;
}

/** A signed tree head (RFC 6962 3.5 / 4.3); `signature` is the TLS DigitallySigned struct. */
export interface SignedTreeHead {
  treeSize: number;
  timestamp: number;
  rootHash: Uint8Array;
  signature: Uint8Array;
}

export interface CtEntry {
  leafInput: Uint8Array;
  extraData: Uint8Array;
}

/** What the CA needs from a CT log: submit a precertificate chain, get an SCT back. */
export interface PrecertSubmitter {
  submitPrecert(chainLeafFirst: readonly Uint8Array[]): Promise<Uint8Array>;
}

export const MAX_ENTRIES_PER_REQUEST = 256;
const EXTRA_DIR = 'extra';

export class CtLog implements PrecertSubmitter {
  private queue: Promise<unknown> = Promise.resolve();
  private sth?: SignedTreeHead;

  private constructor(
    private readonly tiles: TileLog,
    private readonly dir: string,
    private readonly opts: CtLogOptions,
    readonly publicKeySpki: Uint8Array,
    /** RFC 6962 3.2 LogID: SHA-256 of the log's DER SPKI (what trusted_root's logId.keyId holds). */
    readonly logId: Uint8Array,
    private readonly byHash: Map<string, number>,
    private readonly fsync: boolean,
  ) {}

  static async open(dir: string, opts: CtLogOptions): Promise<CtLog> {
    if (opts.signer.algorithm !== 'ecdsa-p256') throw new CaError('CA_CONFIG', `The CT log key must be ECDSA P-256; ${opts.signer.ref} is ${opts.signer.algorithm}.`);
    if (opts.roots.length === 0) throw new CaError('CA_CONFIG', 'The CT log needs at least one accepted root certificate.');
    const tiles = await TileLog.open(join(dir, 'tiles'), { signer: opts.signer, origin: opts.origin ?? 'rootsmith-ctlog', fsync: opts.fsync ?? true });
    await mkdir(join(dir, EXTRA_DIR), { recursive: true });
    const spki = await opts.signer.publicKeySpki();
    const byHash = new Map<string, number>();
    for (let i = 0; i < tiles.size; i++) byHash.set(toHex(await tiles.leafHash(i)), i);
    return new CtLog(tiles, dir, opts, spki, sha256(spki), byHash, opts.fsync ?? true);
  }

  get size(): number {
    return this.tiles.size;
  }

  /** RFC 6962 4.1 add-pre-chain: the chain is [precertificate, its issuer, ..., optionally the root]. */
  addPreChain(chain: readonly Uint8Array[]): Promise<AddedPrecert> {
    const run = this.queue.then(() => this.add(chain));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async submitPrecert(chainLeafFirst: readonly Uint8Array[]): Promise<Uint8Array> {
    return (await this.addPreChain(chainLeafFirst)).sctBytes;
  }

  private async add(chain: readonly Uint8Array[]): Promise<AddedPrecert> {
    const full = this.checkChain(chain);
    const pre = preCertOf(chain[0]!, chain[1]!);
    const timestamp = this.opts.clock.now().getTime();
    const signature = await this.opts.signer.sign(sctSignatureInput(timestamp, pre), 'sha256');
    const sct: Sct = { logId: this.logId, timestamp, signature };
    const index = this.tiles.size;
    // extra_data first: an entry whose extra_data is missing could not be served; a stray extra file is harmless.
    await this.writeFile(join(this.dir, EXTRA_DIR, String(index)), precertChainEntry(full));
    const leaf = merkleTreeLeaf(timestamp, pre);
    const { firstIndex } = await this.tiles.appendBatch([leaf]);
    this.byHash.set(toHex(await this.tiles.leafHash(firstIndex)), firstIndex);
    return { sct, sctBytes: encodeSct(sct), index: firstIndex };
  }

  /** Each certificate signed by the next, ending at (or signed by) an accepted root. Returns the chain with its root. */
  private checkChain(chain: readonly Uint8Array[]): Uint8Array[] {
    if (chain.length < 2) throw new CaError('CT_CHAIN_INVALID', 'add-pre-chain needs the precertificate and at least its issuer.');
    const views = chain.map((der, i) => {
      try {
        return viewCertificate(der);
      } catch (e) {
        throw new CaError('CT_CHAIN_INVALID', `Certificate ${i} of the chain does not parse.`, { cause: e });
      }
    });
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!verifyCertificateSignature(chain[i]!, views[i + 1]!.spki)) throw new CaError('CT_CHAIN_INVALID', `Certificate ${i} of the chain is not signed by certificate ${i + 1}.`);
    }
    const last = chain[chain.length - 1]!;
    if (this.opts.roots.some((r) => bytesEqual(r, last))) return [...chain];
    const root = this.opts.roots.find((r) => verifyCertificateSignature(last, viewCertificate(r).spki));
    if (!root) throw new CaError('CT_CHAIN_INVALID', 'The chain does not end at a root this CT log accepts.');
    return [...chain, root];
  }

  private async writeFile(path: string, data: Uint8Array): Promise<void> {
    const fh = await open(path, 'w', 0o644);
    try {
      await fh.writeFile(data);
      if (this.fsync) await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** RFC 6962 4.3 get-sth: signed once per tree size, reused until the tree grows. */
  async getSth(): Promise<SignedTreeHead> {
    const size = this.tiles.size;
    if (this.sth?.treeSize === size) return this.sth;
    const rootHash = await this.tiles.rootAt(size);
    const timestamp = this.opts.clock.now().getTime();
    const sig = await this.opts.signer.sign(treeHeadSignatureInput(timestamp, size, rootHash), 'sha256');
    this.sth = { treeSize: size, timestamp, rootHash, signature: digitallySigned(sig) };
    return this.sth;
  }

  /** RFC 6962 4.4 get-sth-consistency. */
  async getSthConsistency(first: number, second: number): Promise<Uint8Array[]> {
    this.requireRange(first, second);
    return this.tiles.consistencyProof(first, second);
  }

  /** RFC 6962 4.5 get-proof-by-hash: `hash` is the leaf hash. */
  async getProofByHash(hash: Uint8Array, treeSize: number): Promise<{ leafIndex: number; auditPath: Uint8Array[] }> {
    this.requireRange(1, treeSize);
    const leafIndex = this.byHash.get(toHex(hash));
    if (leafIndex === undefined || leafIndex >= treeSize) throw new CaError('CT_NOT_FOUND', `No entry with leaf hash ${toHex(hash)} in the first ${treeSize} entries.`);
    return { leafIndex, auditPath: await this.tiles.inclusionProof(leafIndex, treeSize) };
  }

  /** RFC 6962 4.6 get-entries, start..end inclusive, at most MAX_ENTRIES_PER_REQUEST. */
  async getEntries(start: number, end: number): Promise<CtEntry[]> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new CaError('CT_BAD_REQUEST', 'get-entries needs 0 <= start <= end.');
    if (start >= this.tiles.size) throw new CaError('CT_NOT_FOUND', `The log has ${this.tiles.size} entries; none from ${start}.`);
    const last = Math.min(end, this.tiles.size - 1, start + MAX_ENTRIES_PER_REQUEST - 1);
    const out: CtEntry[] = [];
    for (let i = start; i <= last; i++) {
      out.push({ leafInput: await this.tiles.entry(i), extraData: new Uint8Array(await readFile(join(this.dir, EXTRA_DIR, String(i)))) });
    }
    return out;
  }

  private requireRange(first: number, second: number): void {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first) throw new CaError('CT_BAD_REQUEST', 'The tree sizes must satisfy 0 <= first <= second.');
    if (second > this.tiles.size) throw new CaError('CT_NOT_FOUND', `The log has ${this.tiles.size} entries, not ${second}.`);
  }
}

/** Checks an SCT's signature for a precert entry with the log's SPKI (what a verifier does, RFC 6962 5.2). */
export function verifySct(sct: Sct, logSpki: Uint8Array, pre: { issuerKeyHash: Uint8Array; tbsCertificate: Uint8Array }): boolean {
  return bytesEqual(sct.logId, sha256(logSpki)) && verifySignature(logSpki, sctSignatureInput(sct.timestamp, pre), sct.signature, 'sha256');
}
