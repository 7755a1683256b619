// Reads a search query the way a person types it: a log index, an entry UUID, an artifact digest (through the
// log's POST /api/v1/index/retrieve, when it has that index) or an e-mail identity (same index by email, else a
// scan of the newest entries).
import { LogClientError } from '../../log-client/errors';
import type { UuidEntry } from '../../log-client/rekor-client';
import type { SearchResult } from '../../contract/log';
import { rowOfWire } from './entry-mapping';
import { LogServiceError } from './errors';
import type { LogConnection } from './log-connection';

/** Most entries one search opens (an artifact signed many times has many entries). */
const MAX_HITS = 50;
/** Newest entries read when the log cannot look an identity up itself. */
const IDENTITY_SCAN = 1000;

const notFound = (e: unknown) => e instanceof LogClientError && e.code === 'LOG_NOT_FOUND';
const noIndex = (e: unknown) => e instanceof LogClientError && (e.code === 'LOG_NOT_FOUND' || e.code === 'LOG_REJECTED');

async function byUuids(conn: LogConnection, query: string, interpretedAs: SearchResult['interpretedAs'], uuids: string[]): Promise<SearchResult> {
  const hits: UuidEntry[] = [];
  for (const u of uuids.slice(0, MAX_HITS)) hits.push(await conn.client.entryByUuid(u));
  const note = uuids.length > MAX_HITS ? `Showing the first ${MAX_HITS} of ${uuids.length} entries.` : undefined;
  return { query, interpretedAs, rows: hits.map((h) => rowOfWire(h.uuid, h.entry)).sort((a, b) => a.index - b.index), ...(note ? { note } : {}) };
}

export async function searchLog(conn: LogConnection, raw: string): Promise<SearchResult> {
  const query = raw.trim();
  if (/^\d+$/.test(query)) {
    const index = Number(query);
    const size = conn.lastInfo?.treeSize;
    if (!Number.isSafeInteger(index) || (size !== undefined && index >= size)) {
      return { query, interpretedAs: 'index', rows: [], note: size !== undefined ? `The log has ${size} entries (0 to ${size - 1}).` : 'No such index.' };
    }
    const e = await conn.client.entryByIndex(index);
    return { query, interpretedAs: 'index', rows: [rowOfWire(e.uuid, e.entry)] };
  }
  const hash = /^(sha256:)?([0-9a-fA-F]{64}|[0-9a-fA-F]{80})$/.exec(query);
  if (hash) {
    const hex = hash[2]!.toLowerCase();
    if (!hash[1]) {
      // A bare 64/80-hex value is first an entry UUID, then (64 only) an artifact digest.
      try {
        const e = await conn.client.entryByUuid(hex);
        return { query, interpretedAs: 'uuid', rows: [rowOfWire(e.uuid, e.entry)] };
      } catch (e) {
        if (!notFound(e)) throw e;
        if (hex.length !== 64) return { query, interpretedAs: 'uuid', rows: [] };
      }
    } else if (hex.length !== 64) {
      throw new LogServiceError('SEARCH_UNSUPPORTED', 'A sha256 digest has 64 hex digits.');
    }
    try {
      return await byUuids(conn, query, 'hash', await conn.client.searchByHash(hex));
    } catch (e) {
      if (noIndex(e)) return { query, interpretedAs: 'hash', rows: [], note: 'No entry has this UUID, and this log has no search index (POST /api/v1/index/retrieve) to look the digest up.' };
      throw e;
    }
  }
  if (/^[^\s@]+@[^\s@]+$/.test(query)) {
    try {
      return await byUuids(conn, query, 'identity', await conn.client.searchByEmail(query));
    } catch (e) {
      if (!noIndex(e)) throw e;
    }
    // No identity index: read the newest entries and match their signers, and say how far the search reached.
    const size = conn.lastInfo?.treeSize ?? (await conn.client.logInfo()).treeSize;
    const from = Math.max(0, size - IDENTITY_SCAN);
    const rows = (await conn.range(from, size - from)).map((e) => rowOfWire(e.uuid, e.entry)).filter((r) => r.identity?.toLowerCase() === query.toLowerCase());
    const note = `This log has no identity index, so only the newest ${(size - from).toLocaleString('en-US')} entries were searched.`;
    return { query, interpretedAs: 'identity', rows: rows.slice(-MAX_HITS), note };
  }
  throw new LogServiceError('SEARCH_UNSUPPORTED', 'Type a log index, an entry UUID (64 or 80 hex digits), an artifact digest (sha256:<hex>) or an e-mail address.');
}
