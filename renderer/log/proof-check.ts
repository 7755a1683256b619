// Inclusion and consistency proofs checked in the renderer with pure-JS SHA-256 (@noble/hashes), so the GUI does
// not take the backend's word for it; every step is recorded so the proof can be drawn (RFC 9162 2.1.3.2, 2.1.4.2).
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';

const HASH_HEX = /^[0-9a-f]{64}$/;

/** One level of an inclusion path: the sibling, the side it sits on, and the parent computed from the two. */
export interface InclusionStep {
  /** Height of the computed parent above the leaf (1 = the leaf's parent). */
  level: number;
  /** Where the sibling sits relative to the running hash: `left` means parent = H(0x01 || sibling || current). */
  side: 'left' | 'right';
  siblingHex: string;
  /** The running hash before this step (the leaf hash at step 1). */
  childHex: string;
  parentHex: string;
}

export interface InclusionCheck {
  ok: boolean;
  leafHashHex: string;
  steps: InclusionStep[];
  /** The root the path leads to; absent when the proof is malformed. */
  computedRootHex?: string;
  expectedRootHex: string;
  /** Why the check failed, in words a person can act on. */
  problem?: string;
}

/** One element of a consistency proof and what it does to the two running roots. */
export interface ConsistencyStep {
  siblingHex: string;
  /** `left`: the element is a left sibling and feeds both roots; `right`: it only extends the new tree. */
  side: 'left' | 'right';
  oldRootHex: string;
  newRootHex: string;
}

export interface ConsistencyCheck {
  ok: boolean;
  /** The hash the walk starts from: the old root itself when the old size is a power of two. */
  seedHex?: string;
  steps: ConsistencyStep[];
  computedOldRootHex?: string;
  computedNewRootHex?: string;
  expectedOldRootHex: string;
  expectedNewRootHex: string;
  problem?: string;
}

function toHex(b: Uint8Array): string {
  return bytesToHex(b);
}

function parseHash(hex: string): Uint8Array | null {
  const h = hex.toLowerCase();
  return HASH_HEX.test(h) ? hexToBytes(h) : null;
}

/** RFC 6962 2.1: leaf hash = SHA-256(0x00 || entry). */
export function leafHashHex(entry: Uint8Array): string {
  const input = new Uint8Array(entry.length + 1);
  input.set(entry, 1);
  return toHex(sha256(input));
}

/** RFC 6962 2.1: node hash = SHA-256(0x01 || left || right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(65);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 33);
  return sha256(input);
}

const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Walks the audit path of leaf `index` in a tree of `treeSize` from the leaf to the root (RFC 9162 2.1.3.2). */
export function checkInclusion(input: { leafHashHex: string; index: number; treeSize: number; proofHex: readonly string[]; rootHex: string }): InclusionCheck {
  const expectedRootHex = input.rootHex.toLowerCase();
  const base: InclusionCheck = { ok: false, leafHashHex: input.leafHashHex.toLowerCase(), steps: [], expectedRootHex };
  const fail = (problem: string, extra: Partial<InclusionCheck> = {}): InclusionCheck => ({ ...base, ...extra, ok: false, problem });
  const leaf = parseHash(input.leafHashHex);
  const root = parseHash(input.rootHex);
  if (!leaf) return fail('The leaf hash is not a 32-byte hex hash.');
  if (!root) return fail('The root hash is not a 32-byte hex hash.');
  if (!isSize(input.index) || !isSize(input.treeSize)) return fail('The leaf index and tree size must be whole numbers.');
  // Step 1: the leaf must be inside the tree.
  if (input.index >= input.treeSize) return fail(`Leaf ${input.index} is not in a tree of ${input.treeSize} leaves.`);
  const proof: Uint8Array[] = [];
  for (const [i, hex] of input.proofHex.entries()) {
    const p = parseHash(hex);
    if (!p) return fail(`Proof element ${i} is not a 32-byte hex hash.`);
    proof.push(p);
  }
  // Step 2.
  let fn = input.index;
  let sn = input.treeSize - 1;
  let r = leaf;
  const steps: InclusionStep[] = [];
  // Step 3. Levels count real tree heights: a right-edge node with no sibling rises without hashing.
  let level = 0;
  for (const p of proof) {
    if (sn === 0) return fail(`The proof has ${proof.length} hashes, too many for a tree of ${input.treeSize}.`, { steps });
    const child = r;
    let side: 'left' | 'right';
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      side = 'left';
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
          level++;
        }
      }
    } else {
      r = nodeHash(r, p);
      side = 'right';
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    level++;
    steps.push({ level, side, siblingHex: toHex(p), childHex: toHex(child), parentHex: toHex(r) });
  }
  // Step 4.
  if (sn !== 0) return fail(`The proof has ${proof.length} hashes, too few for a tree of ${input.treeSize}.`, { steps });
  const computedRootHex = toHex(r);
  if (computedRootHex !== expectedRootHex) {
    return fail('The path leads to a different root than the checkpoint’s.', { steps, computedRootHex });
  }
  return { ...base, ok: true, steps, computedRootHex };
}

/** Checks that the tree of `newSize` extends the tree of `oldSize` (RFC 9162 2.1.4.2), recording each step. */
export function checkConsistency(input: { oldSize: number; newSize: number; proofHex: readonly string[]; oldRootHex: string; newRootHex: string }): ConsistencyCheck {
  const base: ConsistencyCheck = { ok: false, steps: [], expectedOldRootHex: input.oldRootHex.toLowerCase(), expectedNewRootHex: input.newRootHex.toLowerCase() };
  const fail = (problem: string, extra: Partial<ConsistencyCheck> = {}): ConsistencyCheck => ({ ...base, ...extra, ok: false, problem });
  const { oldSize, newSize } = input;
  if (!isSize(oldSize) || !isSize(newSize)) return fail('Tree sizes must be whole numbers.');
  if (oldSize > newSize) return fail(`The first tree (${oldSize}) is larger than the second (${newSize}).`);
  // Every tree extends the empty tree, so a proof from size 0 proves nothing and is refused.
  if (oldSize === 0) return fail('A consistency check needs a first tree of at least one entry.');
  const proof: Uint8Array[] = [];
  for (const [i, hex] of input.proofHex.entries()) {
    const p = parseHash(hex);
    if (!p) return fail(`Proof element ${i} is not a 32-byte hex hash.`);
    proof.push(p);
  }
  if (oldSize === newSize) {
    if (proof.length !== 0) return fail('A proof between equal sizes must be empty.');
    return base.expectedOldRootHex === base.expectedNewRootHex
      ? { ...base, ok: true, computedOldRootHex: base.expectedOldRootHex, computedNewRootHex: base.expectedNewRootHex }
      : fail(`Two trees of size ${oldSize} have different roots: the log forked.`);
  }
  const oldRoot = parseHash(input.oldRootHex);
  const newRoot = parseHash(input.newRootHex);
  if (!oldRoot || !newRoot) return fail('Both roots must be 32-byte hex hashes.');
  // Step 1.
  if (proof.length === 0) return fail('The consistency proof is empty.');
  // Step 2: a perfect old tree's root is the implicit first element.
  const path = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : proof;
  // Steps 3 and 4.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  const steps: ConsistencyStep[] = [];
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('The consistency proof has too many hashes.', { seedHex: toHex(path[0]!), steps });
    let side: 'left' | 'right';
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      side = 'left';
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
      side = 'right';
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    steps.push({ siblingHex: toHex(c), side, oldRootHex: toHex(fr), newRootHex: toHex(sr) });
  }
  const seedHex = toHex(path[0]!);
  // Step 7.
  if (sn !== 0) return fail('The consistency proof has too few hashes.', { seedHex, steps });
  const computedOldRootHex = toHex(fr);
  const computedNewRootHex = toHex(sr);
  const extra = { seedHex, steps, computedOldRootHex, computedNewRootHex };
  if (computedOldRootHex !== base.expectedOldRootHex) return fail('The proof does not lead to the first checkpoint’s root.', extra);
  if (computedNewRootHex !== base.expectedNewRootHex) return fail('The proof does not lead to the second checkpoint’s root.', extra);
  return { ...base, ...extra, ok: true };
}
