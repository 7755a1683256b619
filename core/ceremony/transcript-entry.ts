// One line of a ceremony transcript and its hash chain: each line is the canonical JSON of an entry whose
// `hash` covers every other field, `prev` included, so a changed byte anywhere breaks the chain at that line.
import { canonicalize } from '@tufjs/canonical-json';
import { z } from 'zod';
import { sha256, toHex } from '../bytes';

export const GENESIS_PREV = '0'.repeat(64);

export interface TranscriptOutput {
  /** Path relative to the ceremony directory. */
  file: string;
  sha256: string;
}

export type TranscriptKind = 'begin' | 'step' | 'ack' | 'note' | 'end' | 'digest-signature';

export interface TranscriptFields {
  kind: TranscriptKind;
  /** The plan step this line belongs to, if any. */
  step?: string;
  /** What was done, in words a witness can follow. */
  action: string;
  operator?: string;
  witnesses?: string[];
  /** Inputs of the step: parameters, references, fingerprints. Never PINs or passphrases. */
  inputs?: Record<string, unknown>;
  outputs?: TranscriptOutput[];
  data?: Record<string, unknown>;
}

export interface TranscriptEntry extends TranscriptFields {
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

export function entryHash(entry: Omit<TranscriptEntry, 'hash'>): string {
  return toHex(sha256(canonicalize(entry)));
}

export function sealEntry(fields: TranscriptFields, seq: number, time: Date, prev: string): TranscriptEntry {
  const unsealed = { ...stripUndefined(fields), seq, time: time.toISOString(), prev };
  return { ...unsealed, hash: entryHash(unsealed) };
}

export function serializeEntry(entry: TranscriptEntry): string {
  return canonicalize(entry);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The shape every parsed line must have before anything else reads it (a transcript file is untrusted input). */
export const transcriptEntrySchema = z
  .object({
    kind: z.enum(['begin', 'step', 'ack', 'note', 'end', 'digest-signature']),
    step: z.string().optional(),
    action: z.string(),
    operator: z.string().optional(),
    witnesses: z.array(z.string()).optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
    outputs: z.array(z.object({ file: z.string().min(1), sha256: hex64 }).strict()).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    seq: z.number().int().positive(),
    time: z.string(),
    prev: hex64,
    hash: hex64,
  })
  .strict();
