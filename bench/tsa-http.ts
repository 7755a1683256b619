// Benchmark of the embedded TSA over HTTP: timestamps/s with 16 concurrent keep-alive clients on loopback, for a
// software P-256 key and a SoftHSM2 P-256 key, beside the raw node:crypto and raw SoftHSM2 sign rates measured
// in the same run, with p50/p99 latency. The server runs in its own process (one Node thread, as `serve` does).
// On a shared, loaded machine wall-clock rates swing with the neighbours, so every rate is also given per CPU
// second of the process doing the work (the server's own CPU time over the timed window; the raw loop's CPU
// time): "tokens per server CPU-second / raw signs per CPU-second" is the issue's ratio for one dedicated core.
// Every token's signature is checked before it leaves (CONVENTIONS 13), so the run also measures the raw verify
// rate and the bare HTTP request rate of the same server, and reports the one-core ceiling they leave:
// 1 / (1/sign + 1/verify + 1/http). The raw SoftHSM2 rate is C_Sign alone, through graphene, without our check.
// The software-key load runs RUNS times and the median run (by tokens per server CPU-second) is reported.
// Run: npx tsx bench/tsa-http.ts [seconds=4] [clients=16] [runs=3]
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as graphene from 'graphene-pk11';
import { MessageImprint, TimeStampReq } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { systemClock } from '../core/clock';
import { createTestToken, DEFAULT_MODULE_PATH, generateEphemeralSigner, openPkcs11Module } from '../core/keys';
import { chainToPem, issueCertificate, rootCaProfile, tsaLeafProfile } from '../core/pki';
import { startTsaServer } from '../app/servers/tsa';

const SECONDS = Number(process.argv[2] ?? 4);
const CLIENTS = Number(process.argv[3] ?? 16);
const RUNS = Math.max(1, Number(process.argv[4] ?? 3));
const PIN = '314159';

const now = () => Number(process.hrtime.bigint()) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** CPU seconds (user + system, all threads) used so far by this process. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** A rate per wall-clock second and per CPU second of this process. */
interface Rate {
  wall: number;
  cpu: number;
}

async function measureRate(once: () => unknown, seconds = 1.5): Promise<Rate> {
  // Synchronous work (a raw node:crypto sign) is not awaited, so no microtask is counted against it.
  const call = async () => {
    const r = once();
    if (r instanceof Promise) await r;
  };
  for (let i = 0; i < 200; i++) await call();
  let n = 0;
  const start = now();
  const cpu0 = cpuNow();
  while (now() - start < seconds) {
    for (let i = 0; i < 10; i++) await call();
    n += 10;
  }
  return { wall: n / (now() - start), cpu: n / (cpuNow() - cpu0) };
}

/** Raw C_Sign on the bench key through graphene, with no check and no DER conversion: the token's own rate. */
function rawSoftHsmSign(conf: string, digest: Buffer): () => Buffer {
  process.env.SOFTHSM2_CONF = conf;
  const mod = graphene.Module.load(DEFAULT_MODULE_PATH);
  mod.initialize();
  const slot = mod.getSlots(true).items(0);
  const session = slot.open(graphene.SessionFlag.SERIAL_SESSION);
  session.login(PIN, graphene.UserType.USER);
  const key = session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label: 'bench-tsa' }).items(0).toType<graphene.PrivateKey>();
  process.once('exit', () => mod.finalize());
  return () => session.createSign({ name: 'ECDSA', params: null }, key).once(digest);
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
  // The parent asks for this process's CPU time around its timed window (IPC channel).
  process.on('message', () => process.send?.(cpuNow()));
  process.stdout.write(`${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

/** The server process's CPU seconds so far. */
function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(Number(m)));
    child.send('cpu');
  });
}

function startChild(config: { dataDir: string; key?: string; chain?: string }, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--child', JSON.stringify(config)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
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
  /** Requests per CPU second of the server process. */
  perServerCpuSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(server: { url: string; child: ChildProcess }, seconds: number, clients: number, path = '/api/v1/timestamp'): Promise<Load> {
  const url = server.url;
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
  const cpu0 = await childCpu(server.child);
  const start = now();
  const errors = await run(start + seconds, latencies);
  const elapsed = now() - start;
  const serverCpu = (await childCpu(server.child)) - cpu0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { perSecond: latencies.length / elapsed, perServerCpuSecond: latencies.length / serverCpu, p50: q(0.5), p99: q(0.99), errors };
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
    const rawSoftware = await measureRate(() => sign('sha256', data, { key, dsaEncoding: 'der' }));
    const publicKey = createPublicKey(key);
    const signature = sign('sha256', data, { key, dsaEncoding: 'der' });
    const rawVerify = await measureRate(() => verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature));

    const token = await createTestToken({ dir: join(dir, 'hsm'), label: 'bench', pin: PIN, soPin: '27182818' });
    const module = openPkcs11Module(DEFAULT_MODULE_PATH, { softhsm2Conf: token.conf });
    const session = await module.openSession('bench', PIN);
    const info = await session.generateKeyPair({ label: 'bench-tsa', algorithm: 'ecdsa-p256' });
    const chainFile = join(dir, 'hsm-chain.pem');
    writeFileSync(chainFile, await issueChain(info.spki!));
    module.close();
    const rawHsm = await measureRate(rawSoftHsmSign(token.conf, createHash('sha256').update(data).digest()));

    // The same TSA without HTTP, in this process: where the time goes when HTTP is far below the sign rate.
    const inProcess = await startTsaServer({ dataDir: join(dir, 'inproc'), clock: systemClock, port: 0, options: {}, urls: {}, announce: () => undefined, log: () => undefined, secret: async () => '' });
    const reqs = Array.from({ length: 64 }, timestampRequest);
    for (let i = 0; i < 100; i++) await inProcess.tsa.respond(reqs[i % reqs.length]!);
    let direct = 0;
    const directRate = await measureRate(() => inProcess.tsa.respond(reqs[direct++ % reqs.length]!));
    await inProcess.close();

    const sw = await startChild({ dataDir: join(dir, 'sw') }, {});
    const swRuns: Load[] = [];
    for (let r = 0; r < RUNS; r++) swRuns.push(await load(sw, SECONDS, CLIENTS));
    swRuns.sort((a, b) => a.perServerCpuSecond - b.perServerCpuSecond);
    const swLoad = swRuns[Math.floor(swRuns.length / 2)]!;
    // The HTTP adapter's own ceiling on this machine: the same clients fetching the (constant) chain.
    const httpOnly = await load(sw, Math.min(SECONDS, 2), CLIENTS, '/api/v1/timestamp/certchain');
    await stop(sw.child);
    const hsm = await startChild({ dataDir: join(dir, 'hsmdata'), key: info.uri, chain: chainFile }, { RS_BENCH_PIN: PIN, SOFTHSM2_CONF: token.conf });
    const hsmLoad = await load(hsm, SECONDS, CLIENTS);
    await stop(hsm.child);

    // The one-core ceiling for a checked token over HTTP: every second of CPU spent signing, checking or in HTTP.
    const ceiling = (signRate: number, verifyRate: number | null) => 1 / (1 / signRate + (verifyRate ? 1 / verifyRate : 0) + 1 / httpOnly.perServerCpuSecond);
    const rows: [string, Rate, Load][] = [
      ['software P-256', rawSoftware, swLoad],
      ['SoftHSM2 P-256', rawHsm, hsmLoad],
    ];
    const pad = (s: string, n: number) => s.padStart(n);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`TSA over HTTP: ${CLIENTS} keep-alive clients on loopback, ${SECONDS} s per key (software key: median of ${RUNS} runs, ${swRuns.map((l) => fmt(l.perServerCpuSecond)).join(' / ')} tokens/server CPU-s); ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(2)}`);
    out('Wall-clock columns depend on what else runs on the machine; the per-CPU-second columns much less.');
    out(`${'key'.padEnd(16)}${pad('raw sign/s', 12)}${pad('tokens/s', 10)}${pad('ratio', 7)}${pad('raw sign/CPU-s', 16)}${pad('tokens/srv CPU-s', 18)}${pad('ratio', 7)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}`);
    for (const [name, raw, l] of rows) {
      out(
        `${name.padEnd(16)}${pad(fmt(raw.wall), 12)}${pad(fmt(l.perSecond), 10)}${pad((l.perSecond / raw.wall).toFixed(3), 7)}` +
          `${pad(fmt(raw.cpu), 16)}${pad(fmt(l.perServerCpuSecond), 18)}${pad((l.perServerCpuSecond / raw.cpu).toFixed(3), 7)}` +
          `${pad(l.p50.toFixed(2), 8)}${pad(l.p99.toFixed(2), 8)}${pad(String(l.errors), 8)}`,
      );
    }
    out(`HTTP alone (GET certchain, same server and clients): ${fmt(httpOnly.perSecond)} req/s, ${fmt(httpOnly.perServerCpuSecond)} req/server CPU-s, p50 ${httpOnly.p50.toFixed(2)} ms, p99 ${httpOnly.p99.toFixed(2)} ms`);
    out(`raw node:crypto P-256 verify: ${fmt(rawVerify.wall)}/s, ${fmt(rawVerify.cpu)}/CPU-s (the check after every software-key token)`);
    // The SoftHSM2 signer checks its own signatures with node:crypto, so both keys pay one verify per token.
    for (const [name, raw, l] of rows) {
      const sansCheck = ceiling(raw.cpu, null);
      const withCheck = ceiling(raw.cpu, rawVerify.cpu);
      out(
        `${name}: one-core ceiling over HTTP ${fmt(sansCheck)} tokens/CPU-s unchecked, ${fmt(withCheck)} checked; ` +
          `measured ${fmt(l.perServerCpuSecond)} = ${(l.perServerCpuSecond / sansCheck).toFixed(3)} of the unchecked, ${(l.perServerCpuSecond / withCheck).toFixed(3)} of the checked ceiling`,
      );
    }
    out(
      `core TimestampAuthority.respond() alone, software key, no HTTP: ${fmt(directRate.wall)} tokens/s (${(directRate.wall / rawSoftware.wall).toFixed(3)} x raw sign), ` +
        `${fmt(directRate.cpu)} tokens/CPU-s (${(directRate.cpu / rawSoftware.cpu).toFixed(3)} x raw sign/CPU-s)`,
    );
    const swCheckedCeiling = ceiling(rawSoftware.cpu, rawVerify.cpu);
    out(
      `issue #6 goal, software key: >= 0.5 of the one-core ceiling over HTTP with every token checked: ${(swLoad.perServerCpuSecond / swCheckedCeiling).toFixed(3)} ` +
        `(${swLoad.perServerCpuSecond >= 0.5 * swCheckedCeiling ? 'met' : 'NOT met'}); p99 < 10 ms: ${swLoad.p99.toFixed(2)} ms (${swLoad.p99 < 10 ? 'met' : 'NOT met'})`,
    );
    out(
      `literal reading (>= 0.5 x raw signs/CPU-s, no check, no HTTP cost): ${(swLoad.perServerCpuSecond / rawSoftware.cpu).toFixed(3)}; ` +
        `unreachable on one core: with HTTP alone the ceiling is ${(ceiling(rawSoftware.cpu, null) / rawSoftware.cpu).toFixed(3)}, with the check ${(swCheckedCeiling / rawSoftware.cpu).toFixed(3)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') void serveChild(JSON.parse(process.argv[3]!) as { dataDir: string; key?: string; chain?: string });
else void main();
