// Benchmark of the embedded TSA over HTTP: timestamps/s with 16 concurrent keep-alive clients on loopback, for a
// software P-256 key and a SoftHSM2 P-256 key, beside the raw node:crypto and raw SoftHSM2 sign rates measured
// in the same run, with p50/p99 latency. The server runs in its own process (one Node thread, as `serve` does).
// Run: npx tsx bench/tsa-http.ts [seconds=4] [clients=16]
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { systemClock } from '../core/clock';
import { createTestToken, DEFAULT_MODULE_PATH, generateEphemeralSigner, openPkcs11Module, type Signer } from '../core/keys';
import { chainToPem, issueCertificate, rootCaProfile, tsaLeafProfile } from '../core/pki';
import { startTsaServer } from '../app/servers/tsa';

const SECONDS = Number(process.argv[2] ?? 4);
const CLIENTS = Number(process.argv[3] ?? 16);
const PIN = '314159';

const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function rawRate(signOnce: () => unknown, seconds = 1.5): number {
  for (let i = 0; i < 200; i++) signOnce();
  let n = 0;
  const start = now();
  while (now() - start < seconds) {
    for (let i = 0; i < 50; i++) signOnce();
    n += 50;
  }
  return n / (now() - start);
}

async function rawAsyncRate(signer: Signer, seconds = 1.5): Promise<number> {
  const data = randomBytes(100);
  for (let i = 0; i < 100; i++) await signer.sign(data);
  let n = 0;
  const start = now();
  while (now() - start < seconds) {
    await signer.sign(data);
    n++;
  }
  return n / (now() - start);
}

async function issueChain(leafSpki: Uint8Array): Promise<string> {
  const rootKey = generateEphemeralSigner('ecdsa-p256');
  const notBefore = new Date(Date.now() - 3600_000);
  const root = await issueCertificate({
    template: rootCaProfile.build({ subject: { commonName: 'Bench Root', organization: 'Rootsmith bench' }, subjectPublicKey: await rootKey.publicKeySpki(), notBefore }),
    profile: rootCaProfile,
    signer: rootKey,
  });
  const leaf = await issueCertificate({
    template: tsaLeafProfile.build({ subject: { commonName: 'Bench TSA', organization: 'Rootsmith bench' }, issuer: root.der, subjectPublicKey: leafSpki, notBefore }),
    profile: tsaLeafProfile,
    issuer: root.der,
    signer: rootKey,
  });
  return chainToPem([leaf.der, root.der]);
}

/** Child mode: run the TSA server alone in this process and print its URL. */
async function serveChild(config: { dataDir: string; key?: string; chain?: string }): Promise<void> {
  const server = await startTsaServer({
    dataDir: config.dataDir,
    clock: systemClock,
    port: 0,
    options: { 'tsa-key': config.key, 'tsa-chain': config.chain },
    urls: {},
    announce: () => undefined,
    log: () => undefined,
    secret: async () => process.env.RS_BENCH_PIN ?? '',
  });
  process.stdout.write(`${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

function startChild(config: { dataDir: string; key?: string; chain?: string }, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--child', JSON.stringify(config)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ url: out.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`the TSA child exited with ${code}`)));
  });
}

function timestampRequest(): Buffer {
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new OctetString(createHash('sha256').update(randomBytes(32)).digest()),
    }),
    nonce: new Uint8Array([0x01, ...randomBytes(7)]).buffer,
    certReq: true,
  });
  return Buffer.from(AsnConvert.serialize(req));
}

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, seconds: number, clients: number, path = '/api/v1/timestamp'): Promise<Load> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  // A pool of distinct requests, made before timing starts so the client spends its time sending.
  const bodies = Array.from({ length: 256 }, timestampRequest);
  const post = (body: Buffer) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        path === '/api/v1/timestamp'
          ? { host: target.hostname, port: target.port, path, method: 'POST', agent, headers: { 'content-type': 'application/timestamp-query', 'content-length': body.length } }
          : { host: target.hostname, port: target.port, path, method: 'GET', agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(path === '/api/v1/timestamp' ? body : undefined);
    });
  let i = 0;
  const run = async (until: number, latencies: number[] | null) => {
    let errors = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (now() < until) {
          const t0 = now();
          const status = await post(bodies[i++ % bodies.length]!);
          if (status !== 200) errors++;
          latencies?.push((now() - t0) * 1000);
        }
      }),
    );
    return errors;
  };
  await run(now() + 0.7, null); // warm-up: JIT, connections, the first serial block
  const latencies: number[] = [];
  const start = now();
  const errors = await run(start + seconds, latencies);
  const elapsed = now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { perSecond: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), errors };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-bench-tsa-'));
  try {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const data = randomBytes(100);
    const rawSoftware = rawRate(() => sign('sha256', data, { key, dsaEncoding: 'der' }));

    const token = await createTestToken({ dir: join(dir, 'hsm'), label: 'bench', pin: PIN, soPin: '27182818' });
    const module = openPkcs11Module(DEFAULT_MODULE_PATH, { softhsm2Conf: token.conf });
    const session = await module.openSession('bench', PIN);
    const info = await session.generateKeyPair({ label: 'bench-tsa', algorithm: 'ecdsa-p256' });
    const rawHsm = await rawAsyncRate(session.signer(info.uri));
    const chainFile = join(dir, 'hsm-chain.pem');
    writeFileSync(chainFile, await issueChain(info.spki!));
    module.close();

    // The same TSA without HTTP, in this process: where the time goes when HTTP is far below the sign rate.
    const inProcess = await startTsaServer({ dataDir: join(dir, 'inproc'), clock: systemClock, port: 0, options: {}, urls: {}, announce: () => undefined, log: () => undefined, secret: async () => '' });
    const reqs = Array.from({ length: 64 }, timestampRequest);
    for (let i = 0; i < 100; i++) await inProcess.tsa.respond(reqs[i % reqs.length]!);
    let direct = 0;
    const t0 = now();
    while (now() - t0 < 1.5) await inProcess.tsa.respond(reqs[direct++ % reqs.length]!);
    const directRate = direct / (now() - t0);
    await inProcess.close();

    const sw = await startChild({ dataDir: join(dir, 'sw') }, {});
    const swLoad = await load(sw.url, SECONDS, CLIENTS);
    // The HTTP adapter's own ceiling on this machine: the same clients fetching the (constant) chain.
    const httpOnly = await load(sw.url, Math.min(SECONDS, 2), CLIENTS, '/api/v1/timestamp/certchain');
    await stop(sw.child);
    const hsm = await startChild({ dataDir: join(dir, 'hsmdata'), key: info.uri, chain: chainFile }, { RS_BENCH_PIN: PIN, SOFTHSM2_CONF: token.conf });
    const hsmLoad = await load(hsm.url, SECONDS, CLIENTS);
    await stop(hsm.child);

    const rows: [string, number, Load][] = [
      ['software P-256', rawSoftware, swLoad],
      ['SoftHSM2 P-256', rawHsm, hsmLoad],
    ];
    const pad = (s: string, n: number) => s.padStart(n);
    process.stdout.write(
      `TSA over HTTP: ${CLIENTS} keep-alive clients on loopback, ${SECONDS} s per key; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(2)}\n`,
    );
    process.stdout.write(`${'key'.padEnd(16)}${pad('raw sign/s', 12)}${pad('HTTP tokens/s', 15)}${pad('ratio', 8)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('errors', 8)}\n`);
    for (const [name, raw, l] of rows) {
      process.stdout.write(
        `${name.padEnd(16)}${pad(fmt(raw), 12)}${pad(fmt(l.perSecond), 15)}${pad((l.perSecond / raw).toFixed(3), 8)}${pad(l.p50.toFixed(2), 9)}${pad(l.p99.toFixed(2), 9)}${pad(String(l.errors), 8)}\n`,
      );
    }
    process.stdout.write(`HTTP alone (GET certchain, same server and clients): ${fmt(httpOnly.perSecond)} req/s, p50 ${httpOnly.p50.toFixed(2)} ms, p99 ${httpOnly.p99.toFixed(2)} ms\n`);
    process.stdout.write(`core TimestampAuthority.respond() alone, software key, no HTTP: ${fmt(directRate)} tokens/s (${(directRate / rawSoftware).toFixed(3)} x raw sign)\n`);
    process.stdout.write('goal: HTTP tokens/s >= 0.5 x raw software sign/s on one core; p99 < 10 ms at that load\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') void serveChild(JSON.parse(process.argv[3]!) as { dataDir: string; key?: string; chain?: string });
else void main();
