// Benchmark of the embedded log over HTTP: hashedrekord submissions/s (each verified, batched, fsynced, answered
// with SET + inclusion proof) with concurrent keep-alive clients on loopback against the real
// `rootsmith serve --log` in its own process, beside the raw signature-verify rates measured in the same run:
// node:crypto P-256 verify (over the message) and the @noble/curves prehashed verify the server must use.
// Core's raw append rate, SHA-256 rate and proof times at 1M entries are in bench/tlog-append.ts.
// Run (after npm run build): npx tsx bench/tlog-http.ts [entries=2000] [clients=16]
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDigestSignature } from '../core/tlog/rekor/digest-verify';

const ENTRIES = Number(process.argv[2] ?? 2000);
const CLIENTS = Number(process.argv[3] ?? 16);

const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function rate(op: () => unknown, seconds = 1.5): number {
  for (let i = 0; i < 20; i++) op();
  let n = 0;
  const start = now();
  while (now() - start < seconds) {
    for (let i = 0; i < 20; i++) op();
    n += 20;
  }
  return n / (now() - start);
}

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem64 = Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }) as string).toString('base64');

function proposed(i: number): string {
  const artifact = Buffer.from(`bench artifact ${i} ${process.pid}`);
  return JSON.stringify({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(artifact).digest('hex') } },
      signature: { content: sign('sha256', artifact, privateKey).toString('base64'), publicKey: { content: pem64 } },
    },
  });
}

function post(agent: http.Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/log/entries', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const msg = Buffer.from('x'.repeat(64));
  const sig = sign('sha256', msg, privateKey);
  const digest = createHash('sha256').update(msg).digest();
  const nodeVerify = rate(() => verify('sha256', msg, publicKey, sig));
  const prehashVerify = rate(() => verifyDigestSignature(publicKey, digest, sig));
  console.log(`raw P-256 verify, node:crypto over the message:       ${fmt(nodeVerify)} /s`);
  console.log(`raw P-256 verify, @noble/curves over a digest:        ${fmt(prehashVerify)} /s  (hashedrekord gives only the digest)`);

  const bodies = Array.from({ length: ENTRIES }, (_, i) => proposed(i));
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-log-'));
  const child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'rootsmith.js'), 'serve', '--log', '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { log: string }).log);
      });
      child.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
    });
    const port = Number(new URL(url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let next = 0;
    let failed = 0;
    const latencies: number[] = [];
    const start = now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t = now();
          if ((await post(agent, port, body)) !== 201) failed++;
          latencies.push(now() - t);
        }
      }),
    );
    const elapsed = now() - start;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 1000).toFixed(1);
    console.log(`HTTP hashedrekord submissions, ${CLIENTS} clients, ${fmt(ENTRIES)} entries: ${fmt(ENTRIES / elapsed)} /s (fsync on; ${failed} failed)`);
    console.log(`  latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
    console.log(`  ratio to the raw prehashed verify rate: ${(ENTRIES / elapsed / prehashVerify).toFixed(2)}`);
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
