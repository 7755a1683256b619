// `rootsmith log get|proof|verify-inclusion|verify-consistency|monitor`: inspect, verify and watch any Rekor v1
// log over HTTP (the embedded one or a production Rekor), with the same client and checks the GUI uses.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromHex, fromPem, toBase64 } from '../../../core/bytes';
import { systemClock } from '../../../core/clock';
import { errorInfo, RootsmithError } from '../../../core/errors';
import { verifyConsistency } from '../../../core/tlog';
import type { LogEntryWire } from '../../../core/tlog/rekor/wire';
import { viewLogEntry } from '../../../core/tlog/entry-view';
import { isAlarm } from '../../../core/tlog/monitor';
import { verifyEntry } from '../../../core/tlog/verify-entry';
import { entryText, summarizeEntry } from '../../log-client/entry-json';
import { LogClientError } from '../../log-client/errors';
import { loadMonitorState, monitorStateFile, pollLog, saveMonitorState, type MonitorState, type PollOutcome } from '../../log-client/monitor';
import { RekorClient, type UuidEntry } from '../../log-client/rekor-client';
import { proofAtSize as sharedProofAtSize, ProofAtSizeError, type PastProof } from '../../log-client/proof-at-size';
import { FileError, fileError, readFileOrFail } from '../../services/file-errors';
import { UsageError } from '../errors';
import { failureOf } from '../failure';
import { emit, emitLine, errorMember, progress } from '../output';

export const logUsage = `rootsmith log <verb> URL [options]          (URL: a Rekor v1 log, e.g. the "log" URL of \`rootsmith serve --log\`;
                                            every verb also takes it as --url URL)
  get                 URL --index N | --uuid U [--json]      show one entry decoded: kind, artifact, signer, proof
  proof               URL --index N [--size M] [--public-key PEM] [--json]
                                                             the entry's inclusion proof and checkpoint, step by step;
                                                             with --size, in the tree of M, made from the log's tiles
                                                             and proven consistent with its signed checkpoint
  verify-inclusion    URL --index N [--public-key PEM] [--json]
                                                             verify the entry's SET, inclusion proof and checkpoint
                                                             signature (key: --public-key, else the log's own)
  verify-consistency  URL --from-size A --from-root HEX [--to-size B] [--json]
                                                             verify the log at B (default: now) extends the tree of A
                                                             whose root you trusted (HEX, e.g. from log monitor's state)
  monitor             URL [--state FILE] [--interval S] [--once] [--identity EMAIL-or-URI] [--public-key PEM] [--json]
                                                             watch the log: each new checkpoint must be consistent with
                                                             the last; exits 1 on a rollback or split view. The key is
                                                             pinned in the state file on first use (default: the log's)
  every verb:         --timeout S   give up on a log that does not answer within S seconds (default 15)`;

export class LogCheckFailed extends RootsmithError<'LOG_VERIFICATION_FAILED' | 'SPLIT_VIEW' | 'ROLLBACK' | 'CHECKPOINT_INVALID' | 'MONITOR_STATE_INVALID'> {}

/** The log URL, given positionally (`log get URL`) or as --url URL like tsa and oidc take theirs. */
function urlArg(positionals: string[], flag: string | undefined): string {
  const given = flag === undefined ? positionals : [flag, ...positionals];
  if (given.length !== 1) throw new UsageError(`Give exactly one log URL (as URL or --url URL).\n${logUsage}`);
  const u = given[0]!;
  if (!/^https?:\/\//.test(u)) throw new UsageError(`"${u}" is not an http(s) URL.`);
  return u;
}

/** A client for URL that gives up after --timeout S (default 15 s) on a log that does not answer. */
function newClient(url: string, timeout: string | undefined): RekorClient {
  if (timeout === undefined) return new RekorClient(url);
  const s = Number(timeout);
  if (!/^\d+(\.\d+)?$/.test(timeout) || !(s > 0 && s <= 3600)) throw new UsageError('--timeout must be a number of seconds, above 0 and at most 3600.');
  return new RekorClient(url, fetch, { timeoutMs: Math.round(s * 1000) });
}

function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`${name} must be a non-negative integer.`);
  return Number(v);
}

async function fetchEntry(client: RekorClient, index: number | undefined, uuid: string | undefined): Promise<UuidEntry> {
  if ((index === undefined) === (uuid === undefined)) throw new UsageError('Give exactly one of --index N or --uuid U.');
  return index !== undefined ? client.entryByIndex(index) : client.entryByUuid(uuid!);
}

function proofText(s: ReturnType<typeof summarizeEntry>): string {
  const p = s.proof;
  if (!p) return `entry ${s.logIndex} carries no inclusion proof`;
  const lines = [`inclusion of entry ${p.logIndex} in the tree of ${p.treeSize}`, `  leaf     ${s.leafHash}`];
  if ('error' in p.walk) lines.push(`  the proof cannot be walked: ${p.walk.error}`);
  else p.walk.steps.forEach((st) => lines.push(`  ${String(st.step).padStart(2)}  ${st.siblingSide === 'left' ? 'H(sibling || node)' : 'H(node || sibling)'}  sibling ${st.sibling}\n      = ${st.result}`));
  lines.push(`  root     ${p.rootHash}`, `  checkpoint:`, ...p.checkpoint.envelope.trimEnd().split('\n').map((l) => `    ${l}`));
  return lines.join('\n');
}

/** `--size`: the shared proof, with its failures mapped to the CLI's exit codes (usage 2, check failed 1). */
async function proofAtSize(client: RekorClient, url: string, uuid: string, entry: LogEntryWire, size: number, spki: Uint8Array): Promise<PastProof> {
  try {
    return await sharedProofAtSize(client, url, uuid, entry, size, spki);
  } catch (e) {
    if (!(e instanceof ProofAtSizeError)) throw e;
    if (e.code === 'SIZE_OUT_OF_RANGE') throw new UsageError(`--size must be above the entry's index ${entry.logIndex} and at most the log's size ${String(e.details?.['treeSize'])}.`);
    throw new LogCheckFailed(e.code, e.message);
  }
}

function pastProofText(p: PastProof): string {
  return [
    `inclusion of entry ${p.logIndex} in the tree of ${p.treeSize} (from the log's tiles)`,
    `  leaf     ${p.leafHash}`,
    ...p.walk.steps.map((st) => `  ${String(st.step).padStart(2)}  ${st.siblingSide === 'left' ? 'H(sibling || node)' : 'H(node || sibling)'}  sibling ${st.sibling}\n      = ${st.result}`),
    `  root     ${p.rootAtSize}`,
    `  consistent with the signed checkpoint of size ${p.checkpoint.size} (${p.checkpoint.consistencyHashes.length} hashes)`,
  ].join('\n');
}

function outcomeLine(o: PollOutcome): string {
  const v = o.verdict;
  switch (v.status) {
    case 'first':
      return `trusting "${v.current.origin}" at size ${v.current.size}, root ${v.current.rootHash} (first checkpoint seen)`;
    case 'consistent':
      return `consistent: size ${v.previous.size} -> ${v.current.size}, root ${v.current.rootHash}`;
    case 'unchanged':
      return `unchanged: size ${v.current.size}`;
    case 'rollback':
    case 'split-view':
    case 'invalid-checkpoint':
      return `!!! ${v.message}`;
  }
}

function alarmError(o: PollOutcome): LogCheckFailed | undefined {
  const v = o.verdict;
  if (v.status === 'first' || !isAlarm(v)) return undefined;
  if (v.status === 'rollback') return new LogCheckFailed('ROLLBACK', v.message);
  if (v.status === 'split-view') return new LogCheckFailed('SPLIT_VIEW', v.message);
  if (v.status === 'invalid-checkpoint') return new LogCheckFailed('CHECKPOINT_INVALID', v.message);
  return undefined;
}

/** The log key from --public-key: a PEM "PUBLIC KEY" file (what `rootsmith serve` and Rekor's /api/v1/log/publicKey give). */
function readPublicKey(file: string): Uint8Array {
  const text = readFileOrFail(file).toString('utf8');
  try {
    return fromPem(text, 'PUBLIC KEY');
  } catch {
    throw new UsageError(`--public-key ${file} is not a PEM public key: it must hold a "-----BEGIN PUBLIC KEY-----" block (the log's key, e.g. from URL/api/v1/log/publicKey).`);
  }
}

/** The monitor's trusted state, or a clear word on what is wrong with the file and what to do. */
function loadState(file: string): MonitorState | undefined {
  try {
    return loadMonitorState(file);
  } catch (e) {
    const f = fileError(e, file);
    if (f?.code === 'NOT_A_FILE') throw new FileError('NOT_A_FILE', `--state ${file} is a directory; give the path of a state file (for example ${path.join(file, 'monitor.json')}).`, { cause: e });
    if (f) throw f;
    throw new LogCheckFailed(
      'MONITOR_STATE_INVALID',
      `The monitor state file ${file} is damaged: it is not the JSON state \`rootsmith log monitor\` writes, so the checkpoint it trusted is lost. ` +
        'Restore it from a copy if you have one; otherwise move it away and run again to trust the log\'s current checkpoint afresh ' +
        '(a rollback or split view from before then would go unnoticed).',
      { cause: e },
    );
  }
}

function sleep(ms: number, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    setWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

type MonitorValues = { state?: string; interval?: string; once?: boolean; identity?: string; 'public-key'?: string; timeout?: string };

/** Alarms already printed as their own line. */
const reported = new WeakSet<object>();

/** With --json, a failure of the watch is one more line of the stream, in the same shape ({time, url, ok, error}). */
async function monitor(url: string, values: MonitorValues, json: boolean): Promise<number> {
  try {
    return await watch(url, values, json);
  } catch (e) {
    const printed = typeof e === 'object' && e !== null && reported.has(e);
    if (json && !printed) emitLine({ time: systemClock.now().toISOString(), url, ...errorMember(failureOf(e).error) });
    throw e;
  }
}

async function watch(url: string, values: MonitorValues, json: boolean): Promise<number> {
  const client = newClient(url, values.timeout);
  const file = path.resolve(values.state ?? monitorStateFile(url));
  const interval = values.interval === undefined ? 60 : Number(values.interval);
  if (!(interval >= 1 && interval <= 86400)) throw new UsageError('--interval must be between 1 and 86400 seconds.');
  const pinned = values['public-key'] ? readPublicKey(values['public-key']) : undefined;
  let stop = false;
  let wake: (() => void) | undefined;
  const onSignal = () => {
    stop = true;
    wake?.();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (;;) {
      const state = loadState(file);
      if (pinned && state && toBase64(pinned) !== state.publicKey) {
        throw new UsageError(`${file} pins another log key than --public-key; use another --state file for this key.`);
      }
      let outcome: PollOutcome;
      try {
        outcome = await pollLog(client, state, {
          clock: systemClock,
          ...(values.identity ? { identity: values.identity } : {}),
          ...(pinned ? { publicKey: pinned } : {}),
          onProgress: progress,
        });
      } catch (e) {
        // A log that is down or answers garbage is worth a warning, not the end of a long-running watch.
        if (values.once || !(e instanceof LogClientError)) throw e;
        progress(`poll failed, retrying in ${interval} s: ${e.message} [${e.code}]`);
        await sleep(interval * 1000, (w) => (wake = w));
        if (stop) return 0;
        continue;
      }
      const alarm = alarmError(outcome);
      if (!alarm) saveMonitorState(file, outcome.state);
      const changed = outcome.verdict.status !== 'unchanged';
      if (changed || values.once || alarm) {
        const time = systemClock.now().toISOString();
        // One line per poll; an alarm is its own line with the error folded in, never a second document.
        if (json) emitLine({ time, url, ok: !alarm, ...outcome.verdict, matches: outcome.matches, ...(alarm ? { error: errorInfo(alarm) } : {}) });
        else {
          process.stdout.write(`${time} ${outcomeLine(outcome)}\n`);
          for (const m of outcome.matches) process.stdout.write(`  entry ${m.logIndex} ${m.uuid} signed by ${m.identities.join(', ')}\n`);
        }
      }
      if (alarm) {
        if (json) reported.add(alarm);
        throw alarm;
      }
      if (values.once || stop) return 0;
      await sleep(interval * 1000, (w) => (wake = w));
      if (stop) return 0;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function runLog(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: 'string' },
      index: { type: 'string' },
      uuid: { type: 'string' },
      size: { type: 'string' },
      'public-key': { type: 'string' },
      'from-size': { type: 'string' },
      'from-root': { type: 'string' },
      'to-size': { type: 'string' },
      state: { type: 'string' },
      interval: { type: 'string' },
      once: { type: 'boolean' },
      identity: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const json = values.json ?? false;
  switch (verb) {
    case 'get': {
      const client = newClient(urlArg(positionals, values.url), values.timeout);
      const { uuid, entry } = await fetchEntry(client, intOption(values.index, '--index'), values.uuid);
      const summary = summarizeEntry(viewLogEntry(uuid, entry));
      emit(json, { ...summary, entry }, () => entryText(summary));
      return 0;
    }
    case 'proof': {
      const client = newClient(urlArg(positionals, values.url), values.timeout);
      const { uuid, entry } = await fetchEntry(client, intOption(values.index, '--index'), values.uuid);
      const size = intOption(values.size, '--size');
      if (size !== undefined) {
        const url = urlArg(positionals, values.url);
        const spki = values['public-key'] ? readPublicKey(values['public-key']) : fromPem(await client.publicKey(), 'PUBLIC KEY');
        const out = await proofAtSize(client, url, uuid, entry, size, spki);
        emit(json, out, () => pastProofText(out));
        return 0;
      }
      const summary = summarizeEntry(viewLogEntry(uuid, entry));
      emit(json, { uuid, logIndex: summary.logIndex, leafHash: summary.leafHash, proof: summary.proof ?? null }, () => proofText(summary));
      return 0;
    }
    case 'verify-inclusion': {
      const client = newClient(urlArg(positionals, values.url), values.timeout);
      const given = values['public-key'] ? readPublicKey(values['public-key']) : undefined;
      const { uuid, entry } = await fetchEntry(client, intOption(values.index, '--index'), values.uuid);
      const spki = given ?? fromPem(await client.publicKey(), 'PUBLIC KEY');
      const result = verifyEntry(entry, spki);
      const failed = result.checks.filter((c) => !c.ok).map((c) => c.check);
      const failure = result.ok ? undefined : new LogCheckFailed('LOG_VERIFICATION_FAILED', `Entry ${entry.logIndex} failed: ${failed.join(', ')}.`, { details: { failed } });
      // The report is the one JSON document; on failure it carries the error too (nothing is printed after it).
      emit(json, { uuid, logIndex: entry.logIndex, ...result, ...(failure ? { error: errorInfo(failure) } : {}) }, () =>
        [`entry ${entry.logIndex} ${uuid}`, ...result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.check.padEnd(15)} ${c.message}`)].join('\n'),
      );
      if (failure) throw failure;
      return 0;
    }
    case 'verify-consistency': {
      const client = newClient(urlArg(positionals, values.url), values.timeout);
      const from = intOption(values['from-size'], '--from-size');
      if (from === undefined || from < 1) throw new UsageError('--from-size A (at least 1) is required.');
      // Without the root trusted at A there is nothing to verify the proof against: refuse rather than say "ok".
      if (values['from-root'] === undefined) {
        throw new UsageError(`--from-root HEX is required: the root hash you trusted at size ${from} (log monitor keeps it in its state file); without it the consistency proof cannot be verified.`);
      }
      const fromRoot = values['from-root'].toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(fromRoot)) throw new UsageError('--from-root must be 64 hex digits.');
      const info = await client.logInfo();
      const to = intOption(values['to-size'], '--to-size') ?? info.treeSize;
      const proof = await client.consistencyProof(from, to);
      const toRoot = to === info.treeSize ? info.rootHash : proof.rootHash;
      try {
        verifyConsistency(from, to, proof.hashes.map((h) => fromHex(h)), fromHex(fromRoot), fromHex(toRoot));
      } catch (e) {
        throw new LogCheckFailed('SPLIT_VIEW', `The tree of ${to} (root ${toRoot}) does not extend the tree of ${from} with root ${fromRoot}: ${(e as Error).message}`);
      }
      const out = { fromSize: from, fromRoot, toSize: to, toRoot, hashes: proof.hashes, verified: true };
      emit(json, out, () =>
        [
          `consistency proof ${from} -> ${to}: ${proof.hashes.length} hashes`,
          `  root at ${to}: ${toRoot}`,
          `  verified: the tree of ${to} extends the tree of ${from} with root ${fromRoot}`,
        ].join('\n'),
      );
      return 0;
    }
    case 'monitor':
      return monitor(urlArg(positionals, values.url), values, json);
    default:
      throw new UsageError(`${verb ? `Unknown log verb "${verb}".` : 'Name a log verb.'}\n${logUsage}`);
  }
}
