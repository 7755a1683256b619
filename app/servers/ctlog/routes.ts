// RFC 6962 section 4 HTTP API of the embedded CT log, under /ct/v1/: add-pre-chain, get-sth,
// get-sth-consistency, get-proof-by-hash, get-entries, get-roots. Errors are JSON { code, message } with 4xx.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CaError, digitallySigned, type CtLog } from '../../../core/ca';
import { fromBase64, toBase64 } from '../../../core/bytes';
import { errorInfo } from '../../../core/errors';
import { TlogError } from '../../../core/tlog';
import { HttpError, readBody, sendJson } from '../http-util';

export interface CtRoutesOptions {
  ctLog: CtLog;
  roots: readonly Uint8Array[];
  /** Where unexpected failures are reported (their detail stays out of HTTP answers). */
  log(message: string): void;
}

const STATUS: Partial<Record<string, number>> = { CT_BAD_REQUEST: 400, CT_CHAIN_INVALID: 400, CT_NOT_FOUND: 404 };

function intParam(url: URL, name: string): number {
  const v = url.searchParams.get(name);
  if (v === null || !/^\d{1,15}$/.test(v)) throw new CaError('CT_BAD_REQUEST', `Query parameter "${name}" must be a non-negative integer.`);
  return Number(v);
}

async function addPreChain(req: IncomingMessage, log: CtLog) {
  let chain: Uint8Array[];
  try {
    const body = JSON.parse((await readBody(req, 1 << 20)).toString('utf8')) as { chain?: unknown };
    if (!Array.isArray(body.chain) || !body.chain.every((c) => typeof c === 'string')) throw new Error('chain');
    chain = body.chain.map((c: string) => fromBase64(c));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new CaError('CT_BAD_REQUEST', 'The body must be JSON { "chain": [base64 DER certificates] } (RFC 6962 4.1).');
  }
  const { sct } = await log.addPreChain(chain);
  return { sct_version: 0, id: toBase64(sct.logId), timestamp: sct.timestamp, extensions: '', signature: toBase64(digitallySigned(sct.signature)) };
}

export function ctRoutes(opts: CtRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
      switch (route) {
        case 'POST /ct/v1/add-pre-chain':
          return sendJson(res, 200, await addPreChain(req, opts.ctLog));
        case 'POST /ct/v1/add-chain':
          return sendJson(res, 400, { code: 'CT_BAD_REQUEST', message: 'This log accepts precertificates only (add-pre-chain).' });
        case 'GET /ct/v1/get-sth': {
          const sth = await opts.ctLog.getSth();
          return sendJson(res, 200, { tree_size: sth.treeSize, timestamp: sth.timestamp, sha256_root_hash: toBase64(sth.rootHash), tree_head_signature: toBase64(sth.signature) });
        }
        case 'GET /ct/v1/get-sth-consistency': {
          const proof = await opts.ctLog.getSthConsistency(intParam(url, 'first'), intParam(url, 'second'));
          return sendJson(res, 200, { consistency: proof.map(toBase64) });
        }
        case 'GET /ct/v1/get-proof-by-hash': {
          const hash = fromBase64(url.searchParams.get('hash') ?? '');
          if (hash.length !== 32) throw new CaError('CT_BAD_REQUEST', 'Query parameter "hash" must be a base64 SHA-256 leaf hash.');
          const p = await opts.ctLog.getProofByHash(hash, intParam(url, 'tree_size'));
          return sendJson(res, 200, { leaf_index: p.leafIndex, audit_path: p.auditPath.map(toBase64) });
        }
        case 'GET /ct/v1/get-entries': {
          const entries = await opts.ctLog.getEntries(intParam(url, 'start'), intParam(url, 'end'));
          return sendJson(res, 200, { entries: entries.map((e) => ({ leaf_input: toBase64(e.leafInput), extra_data: toBase64(e.extraData) })) });
        }
        case 'GET /ct/v1/get-roots':
          return sendJson(res, 200, { certificates: opts.roots.map(toBase64) });
        default:
          return sendJson(res, 404, { code: 'NOT_FOUND', message: `No such endpoint: ${route}` });
      }
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { code: e.code, message: e.message });
      const info = errorInfo(e);
      const status = e instanceof CaError ? (STATUS[e.code] ?? 400) : e instanceof TlogError ? 400 : 500;
      if (status === 500) opts.log(`CT log error: ${info.message}`);
      return sendJson(res, status, { code: info.code, message: status === 500 ? 'The CT log failed; see its log.' : info.message });
    }
  };
}
