// An in-memory RFC 6962 tree holding every perfect-subtree hash: the reference the tile storage is checked
// against, and a HashSource for small logs (memory grows with the log: not for large logs).
import { copyHash, emptyRoot, leafHash, nodeHash } from './hash';
import { rangeHash, type HashSource } from './hash-source';
import { generateConsistencyProof } from './consistency-proof';
import { generateInclusionProof } from './inclusion-proof';
import { TlogError } from './errors';
import { requireSize } from './tree-math';

export class MemoryTree implements HashSource {
  /** levels[l][i] = MTH of the i-th perfect subtree of 2^l leaves. */
  private readonly levels: Uint8Array[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends an entry (hashed as a leaf) and returns its index. */
  append(entry: Uint8Array): number {
    return this.appendLeafHash(leafHash(entry));
  }

  appendLeafHash(hash: Uint8Array): number {
    const index = this.size;
    this.levels[0]!.push(hash);
    let level = 0;
    let i = index;
    while (i % 2 === 1) {
      const row = this.levels[level]!;
      const parent = nodeHash(row[i - 1]!, row[i]!);
      level++;
      if (!this.levels[level]) this.levels[level] = [];
      this.levels[level]!.push(parent);
      i = Math.floor(i / 2);
    }
    return index;
  }

  async hash(level: number, index: number): Promise<Uint8Array> {
    const h = this.levels[level]?.[index];
    if (!h) throw new TlogError('INDEX_OUT_OF_RANGE', `No complete subtree at level ${level}, index ${index}.`, { details: { level, index } });
    return h;
  }

  async rootAt(size: number = this.size): Promise<Uint8Array> {
    this.requireWithin(size);
    return size === 0 ? emptyRoot() : copyHash(await rangeHash(this, 0, size));
  }

  async inclusionProof(index: number, treeSize: number = this.size): Promise<Uint8Array[]> {
    this.requireWithin(treeSize);
    return (await generateInclusionProof(this, index, treeSize)).map(copyHash);
  }

  async consistencyProof(oldSize: number, newSize: number = this.size): Promise<Uint8Array[]> {
    this.requireWithin(newSize);
    return (await generateConsistencyProof(this, oldSize, newSize)).map(copyHash);
  }

  private requireWithin(size: number): void {
    requireSize(size, 'tree size');
    if (size > this.size) {
      throw new TlogError('SIZE_INVALID', `The tree has ${this.size} leaves, not ${size}.`, { details: { size, treeSize: this.size } });
    }
  }
}
