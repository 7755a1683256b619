// Fuzzes the running `rootsmith serve --tsa` over HTTP: 10,000+ mutated and random requests (DER, JSON, wrong
// types, methods, paths, sizes) from a seeded generator. No crash, no hang, and every answer is either a
// well-formed TimeStampResp (granted with 200, rejected with 400) or a 4xx with { code, message }.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { decodeTimestamp } from '../core/tsa';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const TOTAL = 10_000;
const CONCURRENCY = 8;
const SEED = Number(process.env.RS_FUZZ_SEED ?? 0x7153a);

const tmp = makeTempDir('rs-tsa-fuzz-');
let served: Served | undefined;
after(async () => {
  await served?.stop();
  tmp.cleanup();
});

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzRequest {
  method: string;
  path: string;
  contentType?: string;
  body?: Buffer;
}

function generator(seed: number, query: Buffer) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const mutate = (input: Buffer): Buffer => {
    let b = Buffer.from(input);
    for (let i = 0, n = 1 + int(4); i < n; i++) {
      const at = int(b.length + 1);
      switch (int(6)) {
        case 0: // flip a bit
          if (b.length) b[at % b.length]! ^= 1 << int(8);
          break;
        case 1: // set an interesting byte (tags, lengths)
          if (b.length) b[at % b.length] = pick([0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xff]);
          break;
        case 2:
          b = Buffer.concat([b.subarray(0, at), bytes(1 + int(8)), b.subarray(at)]);
          break;
        case 3:
          b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(8))]);
          break;
        case 4:
          b = b.subarray(0, at);
          break;
        default:
          b = Buffer.concat([b, b.subarray(int(b.length))]);
      }
    }
    return b;
  };
  const b64 = (n: number) => bytes(n).toString('base64');
  const jsonValue = (): unknown => pick([null, true, 1, -1, 1e308, 'x', '', [], {}, 'sha256', b64(32), '!!!', 2 ** 53 + 1]);
  const jsonBody = (): Buffer => {
    if (int(5) === 0) return mutate(Buffer.from(JSON.stringify({ artifactHash: b64(32), hashAlgorithm: 'sha256', nonce: int(1e9) })));
    const o: Record<string, unknown> = {};
    if (int(4)) o.artifactHash = int(2) ? b64(pick([0, 1, 20, 31, 32, 33, 48, 64, 3000])) : jsonValue();
    if (int(4)) o.hashAlgorithm = int(2) ? pick(['sha256', 'SHA-256', 'sha384', 'sha512', 'sha1', 'md5', 'SHA2_256', '']) : jsonValue();
    if (int(3) === 0) o.nonce = int(2) ? b64(int(80)) : jsonValue();
    if (int(3) === 0) o.certificates = jsonValue();
    if (int(5) === 0) o.tsaPolicyOID = pick(['1.3.6.1.4.1.57264.2', '1.2.3', 'nope', '']);
    if (int(8) === 0) o.__proto__ = { polluted: true };
    return Buffer.from(int(10) === 0 ? JSON.stringify([o]) : JSON.stringify(o));
  };
  const endpoint = () => pick(['/api/v1/timestamp', '/', '//api/v1/timestamp', '/api/v1/timestamp/']);
  return (): FuzzRequest => {
    const r = int(100);
    if (r < 45) return { method: 'POST', path: endpoint(), contentType: 'application/timestamp-query', body: mutate(query) };
    if (r < 55) return { method: 'POST', path: endpoint(), contentType: 'application/timestamp-query', body: bytes(int(300)) };
    if (r < 75) return { method: 'POST', path: endpoint(), contentType: pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']), body: jsonBody() };
    if (r < 85) {
      return {
        method: pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'HEAD']),
        path: pick(['/api/v1/timestamp', '/', '/api/v1/timestamp/certchain', '/x', '/%00', '/api/v1/../v1/timestamp', `/${'a'.repeat(int(2000))}`]),
        ...(int(2) ? { contentType: pick(['text/plain', 'application/octet-stream', 'application/timestamp-reply', '', ';;;', 'application/timestamp-query']) } : {}),
        ...(int(2) ? { body: bytes(int(200)) } : {}),
      };
    }
    if (r < 88) return { method: 'POST', path: endpoint(), contentType: pick(['application/timestamp-query', 'application/json']), body: bytes(16 * 1024 + 1 + int(4_000)) };
    if (r < 89) return { method: 'POST', path: endpoint(), contentType: 'application/timestamp-query', body: query };
    return { method: 'POST', path: endpoint(), contentType: 'application/timestamp-query', body: mutate(query) };
  };
}

interface Answer {
  status: number;
  type: string;
  body: Buffer;
}

function send(agent: http.Agent, base: URL, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    if (r.body) headers['content-length'] = r.body.length;
    const req = http.request({ host: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 10 s to ${r.method} ${r.path}`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Why an answer is unacceptable, or null when it is fine. */
function judge(r: FuzzRequest, a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (a.type === 'application/timestamp-reply') {
    let d;
    try {
      d = decodeTimestamp(new Uint8Array(a.body));
    } catch (e) {
      return `an undecodable TimeStampResp (${(e as Error).message})`;
    }
    if (a.status === 200) return d.status === 'granted' && d.token ? null : `200 with status ${String(d.status)}`;
    if (a.status === 400) return d.status === 'rejection' && !d.token ? null : `400 with status ${String(d.status)}`;
    return `a TimeStampResp with HTTP ${a.status}`;
  }
  if (a.status >= 400 && a.status < 500) {
    if (r.method === 'HEAD') return null;
    try {
      const j = JSON.parse(a.body.toString('utf8')) as { code?: unknown; message?: unknown };
      return typeof j.code === 'string' && typeof j.message === 'string' && j.message.length > 10 ? null : 'a 4xx without { code, message }';
    } catch {
      return 'a 4xx whose body is not JSON';
    }
  }
  if (a.status === 200 && (r.method === 'GET' || r.method === 'HEAD') && r.path.includes('certchain')) return null;
  return `unexpected HTTP ${a.status} ${a.type}`;
}

test(`${TOTAL} mutated and random requests: no crash, no hang, only TimeStampResps and clear 4xx`, async (t) => {
  fs.writeFileSync(path.join(tmp.dir, 'data'), 'fuzz corpus\n');
  execFileSync('openssl', ['ts', '-query', '-data', path.join(tmp.dir, 'data'), '-sha256', '-cert', '-out', path.join(tmp.dir, 'q.tsq')], { stdio: 'pipe' });
  const query = fs.readFileSync(path.join(tmp.dir, 'q.tsq'));
  served = await startServe(['--tsa', '--data', path.join(tmp.dir, 'serve')]);
  const base = new URL(served.urls.tsa!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const next = generator(SEED, query);
  const counts = new Map<string, number>();
  const problems: string[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < TOTAL) {
      const r = next();
      const n = ++sent;
      let a: Answer;
      try {
        a = await send(agent, base, r);
      } catch (e) {
        // A body over the limit may be cut off mid-upload: the server answers 413 then closes, which a client
        // can see as a reset. Anything else is a hang or a crash.
        if (r.body && r.body.length > 16 * 1024) {
          counts.set('reset-oversize', (counts.get('reset-oversize') ?? 0) + 1);
          continue;
        }
        problems.push(`#${n} ${r.method} ${r.path}: ${(e as Error).message}`);
        continue;
      }
      const why = judge(r, a);
      if (why) problems.push(`#${n} ${r.method} ${r.path} (${r.contentType ?? 'no type'}, ${r.body?.length ?? 0} bytes): ${why}`);
      const key = `${a.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  t.diagnostic(`${TOTAL} requests in ${Date.now() - started} ms`);
  agent.destroy();
  t.diagnostic(`answers by HTTP status: ${JSON.stringify(Object.fromEntries([...counts].sort()))}`);
  assert.deepEqual(problems.slice(0, 10), [], `seed ${SEED}: ${problems.length} bad answers`);
  assert.ok((counts.get('200') ?? 0) > 100, `some requests are granted: ${JSON.stringify(Object.fromEntries(counts))}`);
  assert.ok((counts.get('400') ?? 0) > 1000, 'many are rejected');
  assert.equal(served.child.exitCode, null, 'the server is still running');
  // And it still answers a good request.
  const res = await fetch(`${served.urls.tsa}/api/v1/timestamp`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: query });
  assert.equal(res.status, 200);
  assert.equal(await served.stop(), 0);
});
