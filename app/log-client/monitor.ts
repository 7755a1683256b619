// One poll of `rootsmith log monitor`: fetch the log's checkpoint, judge it against the last trusted one (core
// monitor), and with an identity, scan the new entries for certificates naming it. State lives in a JSON file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromBase64, fromHex, fromPem, toBase64 } from '../../core/bytes';
import type { Clock } from '../../core/clock';
import { viewLogEntry } from '../../core/tlog/entry-view';
import { judgeCheckpoint, trustCheckpoint, type MonitorVerdict, type TrustedCheckpoint } from '../../core/tlog/monitor';
import { rekorNoteVerifiers } from '../../core/tlog/rekor/log-verifier';
import { entryIdentities, summarizeEntry } from './entry-json';
import type { RekorClient } from './rekor-client';
import { appDataDir } from '../services/app-data';

const checkpointRecord = z.object({ origin: z.string(), size: z.number().int().nonnegative(), rootHash: z.string(), seenAt: z.string() });
const stateSchema = z.object({
  version: z.literal(1),
  url: z.string(),
  /** The log key pinned on first use (base64 DER SPKI). */
  publicKey: z.string(),
  /** Checkpoints seen, oldest first; the last one is the trusted one. */
  checkpoints: z.array(checkpointRecord).min(1),
});
export type MonitorState = z.infer<typeof stateSchema>;

/** At most this many checkpoints are kept in the state file. */
export const STATE_HISTORY = 1000;

export function loadMonitorState(file: string): MonitorState | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a monitor state file.`);
  return parsed.data;
}

/** Atomic replace: a crash leaves the old state or the new one, never half of either. */
export function saveMonitorState(file: string, state: MonitorState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export interface IdentityMatch {
  logIndex: number;
  uuid: string;
  identities: string[];
}

export type PollOutcome = { verdict: MonitorVerdict | { status: 'first'; current: TrustedCheckpoint }; matches: IdentityMatch[]; state: MonitorState };

export interface PollOptions {
  identity?: string;
  /** The log key (DER SPKI) to trust on the first poll instead of the one the log serves. */
  publicKey?: Uint8Array;
  clock: Clock;
  onProgress?(message: string): void;
}

async function scanIdentities(client: RekorClient, from: number, to: number, identity: string, onProgress?: (m: string) => void): Promise<IdentityMatch[]> {
  const matches: IdentityMatch[] = [];
  for (let i = from; i < to; i += 10) {
    const indexes = Array.from({ length: Math.min(10, to - i) }, (_, k) => i + k);
    for (const { uuid, entry } of await client.entriesByIndexes(indexes)) {
      const ids = entryIdentities(summarizeEntry(viewLogEntry(uuid, entry)).decoded);
      if (ids.includes(identity)) matches.push({ logIndex: entry.logIndex, uuid, identities: ids });
    }
    if ((i - from) % 1000 === 0 && i > from) onProgress?.(`scanned ${i - from} of ${to - from} new entries`);
  }
  return matches;
}

/** Polls once. The returned state is what to save: unchanged on an alarm (the trusted checkpoint stays). */
export async function pollLog(client: RekorClient, state: MonitorState | undefined, o: PollOptions): Promise<PollOutcome> {
  const info = await client.logInfo();
  const seenAt = o.clock.now().toISOString();
  const spki = state ? fromBase64(state.publicKey) : (o.publicKey ?? fromPem(await client.publicKey(), 'PUBLIC KEY'));
  const verifiers = rekorNoteVerifiers(info.signedTreeHead, spki);
  if (!state) {
    // Trust on first use: the key and checkpoint seen now become the reference.
    const current = trustCheckpoint(info.signedTreeHead, verifiers);
    const next: MonitorState = { version: 1, url: client.baseUrl, publicKey: toBase64(spki), checkpoints: [{ ...current, seenAt }] };
    return { verdict: { status: 'first', current }, matches: [], state: next };
  }
  const last = state.checkpoints[state.checkpoints.length - 1]!;
  const previous: TrustedCheckpoint = { origin: last.origin, size: last.size, rootHash: last.rootHash };
  const grew = info.treeSize > previous.size && previous.size > 0;
  const proof = grew ? (await client.consistencyProof(previous.size, info.treeSize)).hashes.map((h) => fromHex(h)) : undefined;
  const verdict = judgeCheckpoint(previous, info.signedTreeHead, verifiers, proof);
  if (verdict.status !== 'consistent') return { verdict, matches: [], state };
  const matches = o.identity ? await scanIdentities(client, previous.size, verdict.current.size, o.identity, o.onProgress) : [];
  const checkpoints = [...state.checkpoints, { ...verdict.current, seenAt }].slice(-STATE_HISTORY);
  return { verdict, matches, state: { ...state, checkpoints } };
}

/** Where `rootsmith log monitor URL` keeps its state without --state (one file per log URL), also read by the GUI. */
export function monitorStateFile(url: string): string {
  const id = createHash('sha256').update(url.replace(/\/+$/, '')).digest('hex').slice(0, 16);
  return path.join(appDataDir(), 'monitor', `${id}.json`);
}
