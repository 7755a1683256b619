// `rootsmith serve --tsa` interop with OpenSSL: `openssl ts -query` requests are answered, and `openssl ts -verify`
// accepts the tokens with the chain issued like a ceremony does, for a software key file and a SoftHSM2 key;
// a token checked against other data fails. Also `rootsmith tsa stamp|verify`, and refusal of a wrong key.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fromPem, toPem } from '../core/bytes';
import { createSoftwareKey, loadSoftwareKey } from '../core/keys';
import { runCli } from './support/cli';
import { startServe, type Served } from './support/serve';
import { issueTsaChain, writeChain } from './support/tsa-chain';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-tsa-openssl-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

const file = (name: string) => path.join(tmp.dir, name);
fs.writeFileSync(file('artifact.txt'), 'release 1.2.3\n');
fs.writeFileSync(file('other.txt'), 'release 1.2.4\n');

function openssl(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** openssl ts -query for `data`, POSTed to the server; returns the response file. */
async function stampWithOpenssl(url: string, tag: string, withPath = true): Promise<{ tsq: string; tsr: string; status: number }> {
  const tsq = file(`${tag}.tsq`);
  const tsr = file(`${tag}.tsr`);
  execFileSync('openssl', ['ts', '-query', '-data', file('artifact.txt'), '-sha256', '-cert', '-out', tsq], { stdio: 'pipe' });
  const res = await fetch(withPath ? `${url}/api/v1/timestamp` : `${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: fs.readFileSync(tsq),
  });
  assert.equal(res.headers.get('content-type'), 'application/timestamp-reply');
  fs.writeFileSync(tsr, Buffer.from(await res.arrayBuffer()));
  return { tsq, tsr, status: res.status };
}

async function checkWithOpenssl(served: Served, tag: string, rootPem: string): Promise<void> {
  const url = served.urls.tsa!;
  for (const withPath of [true, false]) {
    const { tsq, tsr, status } = await stampWithOpenssl(url, `${tag}-${withPath ? 'api' : 'root'}`, withPath);
    assert.equal(status, 200);
    const text = openssl(['ts', '-reply', '-in', tsr, '-text']);
    assert.match(text.out, /Status: Granted/);
    const ok = openssl(['ts', '-verify', '-in', tsr, '-queryfile', tsq, '-CAfile', rootPem]);
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /Verification: OK/);
    const bad = openssl(['ts', '-verify', '-in', tsr, '-data', file('other.txt'), '-CAfile', rootPem]);
    assert.notEqual(bad.status, 0, 'a token must not verify for other data');
    assert.match(bad.out, /message imprint mismatch/i);
  }
}

/** The chain the server publishes, leaf first and root last; the root written alone for -CAfile. */
async function publishedRoot(served: Served, tag: string): Promise<string> {
  const res = await fetch(`${served.urls.tsa}/api/v1/timestamp/certchain`);
  assert.equal(res.status, 200);
  const pem = await res.text();
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n?/g) ?? [];
  assert.equal(blocks.length, 2);
  const leafSubject = execFileSync('openssl', ['x509', '-noout', '-subject'], { input: blocks[0], encoding: 'utf8' });
  const rootText = execFileSync('openssl', ['x509', '-noout', '-subject', '-issuer'], { input: blocks[1], encoding: 'utf8' });
  assert.match(leafSubject, /TSA/);
  const [subject, issuer] = rootText.trim().split('\n').map((l) => l.replace(/^(subject|issuer)=/, ''));
  assert.equal(subject, issuer, 'the last certificate is the self-signed root');
  const root = file(`${tag}-root.pem`);
  fs.writeFileSync(root, blocks[1]!);
  return root;
}

test('rehearsal TSA: openssl verifies its tokens; the chain is made once and reused', async () => {
  const data = file('rehearsal-data');
  const served = await startServe(['--tsa', '--data', data]);
  running.push(served);
  assert.deepEqual(Object.keys(served.urls), ['tsa']);
  assert.match(served.urls.tsa!, /^http:\/\/127\.0\.0\.1:\d+$/);
  const root = await publishedRoot(served, 'rehearsal');
  const pem = fs.readFileSync(path.join(data, 'tsa', 'rehearsal-tsa-chain.pem'), 'utf8');
  assert.match(execFileSync('openssl', ['x509', '-noout', '-subject'], { input: pem, encoding: 'utf8' }), /O ?= ?Rootsmith rehearsal/);
  const keyMode = fs.statSync(path.join(data, 'tsa', 'rehearsal-tsa-key.pem')).mode & 0o777;
  const passMode = fs.statSync(path.join(data, 'tsa', 'rehearsal-tsa-key.passphrase')).mode & 0o777;
  assert.equal(keyMode, 0o600);
  assert.equal(passMode, 0o600);
  assert.match(fs.readFileSync(path.join(data, 'tsa', 'rehearsal-tsa-key.pem'), 'utf8'), /BEGIN ENCRYPTED PRIVATE KEY/);
  await checkWithOpenssl(served, 'rehearsal', root);
  assert.equal(await served.stop(), 0, 'SIGTERM is a clean shutdown');

  const again = await startServe(['--tsa', '--data', data]);
  running.push(again);
  const res = await fetch(`${again.urls.tsa}/api/v1/timestamp/certchain`);
  assert.equal(await res.text(), pem, 'the rehearsal chain is reused, not remade');
  await checkWithOpenssl(again, 'rehearsal-again', root);
  await again.stop();
});

test('software key file and a ceremony-style chain: openssl verifies; rootsmith tsa stamp/verify agree', async () => {
  const keyFile = file('tsa-key.pem');
  const signer = await createSoftwareKey(keyFile, 'ecdsa-p256', 'correct horse battery');
  const chain = await issueTsaChain(await signer.publicKeySpki(), 'Rootsmith Ceremony');
  const chainPem = writeChain(file('sw-chain.pem'), chain);
  const rootPem = file('sw-root.pem');
  fs.writeFileSync(rootPem, toPem(chain.root, 'CERTIFICATE'));
  const served = await startServe(
    ['--tsa', '--data', file('sw-data'), '--tsa-key', keyFile, '--tsa-chain', chainPem, '--tsa-policy', '1.3.6.1.4.1.99999.1', '--passphrase-env', 'RS_PASS'],
    { RS_PASS: 'correct horse battery' },
  );
  running.push(served);
  assert.ok(!served.stderr().includes('correct horse battery'), 'the passphrase is never printed');
  await checkWithOpenssl(served, 'sw', rootPem);
  const reply = openssl(['ts', '-reply', '-in', file('sw-api.tsr'), '-text']);
  assert.match(reply.out, /Policy OID: 1\.3\.6\.1\.4\.1\.99999\.1/);

  // The CLI client: stamp (nonce, certReq, checks), then verify; a token for other data fails with exit 1.
  const stamp = runCli(['tsa', 'stamp', file('artifact.txt'), '--url', served.urls.tsa!, '--out', file('cli.tsr'), '--json']);
  assert.equal(stamp.status, 0, stamp.stderr);
  const stamped = stamp.json() as { decoded: { token: { nonceHex: string; policyOid: string; signer: { subject: string } } } };
  assert.match(stamped.decoded.token.nonceHex, /^[0-9a-f]{16}$/);
  assert.equal(stamped.decoded.token.policyOid, '1.3.6.1.4.1.99999.1');
  assert.match(stamped.decoded.token.signer.subject, /Rootsmith Ceremony TSA/);
  assert.equal(openssl(['ts', '-verify', '-in', file('cli.tsr'), '-data', file('artifact.txt'), '-CAfile', rootPem]).status, 0);
  const again = runCli(['tsa', 'stamp', file('artifact.txt'), '--url', served.urls.tsa!, '--out', file('cli.tsr')]);
  assert.equal(again.status, 1, 'an existing token file is not overwritten');
  assert.match(again.stderr, /already exists.*\[FILE_EXISTS\]/, 'the same code as every other existing output');
  // The URL may also be given positionally, as `log` takes its URL.
  const positional = runCli(['tsa', 'stamp', served.urls.tsa!, file('artifact.txt'), '--out', file('cli-positional.tsr'), '--json']);
  assert.equal(positional.status, 0, positional.stderr);

  const verify = runCli(['tsa', 'verify', file('cli.tsr'), '--data', file('artifact.txt'), '--chain', chainPem, '--json']);
  assert.equal(verify.status, 0, verify.stderr);
  const verified = verify.json() as { valid: boolean; chain: string[] };
  assert.equal(verified.valid, true);
  assert.equal(verified.chain.length, 2);
  const wrong = runCli(['tsa', 'verify', file('cli.tsr'), '--data', file('other.txt'), '--chain', chainPem]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /IMPRINT_MISMATCH/);
  const otherChain = writeChain(file('foreign-chain.pem'), await issueTsaChain(await signer.publicKeySpki(), 'Someone Else'));
  const foreign = runCli(['tsa', 'verify', file('cli.tsr'), '--data', file('artifact.txt'), '--chain', otherChain, '--json']);
  assert.equal(foreign.status, 1);
  assert.match(foreign.stdout, /"code"/);
  await served.stop();
});

test('a key that does not match the chain, or a chain that does not verify, is refused at startup', async () => {
  const keyFile = file('mismatch-key.pem');
  await createSoftwareKey(keyFile, 'ecdsa-p256', 'pass-1234-5678');
  const other = await createSoftwareKey(file('other-key.pem'), 'ecdsa-p256', 'pass-1234-5678');
  const chainPem = writeChain(file('mismatch-chain.pem'), await issueTsaChain(await other.publicKeySpki()));
  await assert.rejects(startServe(['--tsa', '--data', file('mismatch-data'), '--tsa-key', keyFile, '--tsa-chain', chainPem, '--passphrase-env', 'RS_PASS'], { RS_PASS: 'pass-1234-5678' }), (e: Error & { code?: number; stderr?: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr ?? '', /The TSA cannot start: .*not the key of the TSA certificate.*\[TSA_KEY_MISMATCH\]/);
    return true;
  });
  // The right key, but its leaf put with another root: the chain does not verify.
  const own = await issueTsaChain(await (await loadSoftwareKey(keyFile, 'pass-1234-5678')).publicKeySpki());
  const foreignRoot = await issueTsaChain(await other.publicKeySpki(), 'Foreign');
  const broken = file('broken-chain.pem');
  fs.writeFileSync(broken, toPem(own.leaf, 'CERTIFICATE') + toPem(foreignRoot.root, 'CERTIFICATE'));
  await assert.rejects(startServe(['--tsa', '--data', file('mismatch-data'), '--tsa-key', keyFile, '--tsa-chain', broken, '--passphrase-env', 'RS_PASS'], { RS_PASS: 'pass-1234-5678' }), (e: Error & { code?: number; stderr?: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr ?? '', /The TSA cannot start: .*\[TSA_CHAIN_INVALID\]/);
    return true;
  });
  await assert.rejects(startServe(['--tsa', '--data', file('mismatch-data'), '--tsa-key', keyFile]), (e: Error & { code?: number; stderr?: string }) => {
    assert.match(e.stderr ?? '', /--tsa-key and --tsa-chain together/);
    return true;
  });
});

test('SoftHSM2 key: rootsmith keys test-token + generate, a TSA leaf for it, openssl verifies the tokens', async () => {
  const hsm = file('hsm');
  const env = { RS_PIN: '918273', RS_SO: '5647382910', SOFTHSM2_CONF: path.join(hsm, 'softhsm2.conf') };
  const made = runCli(['keys', 'test-token', '--dir', hsm, '--label', 'tsa-token', '--pin-env', 'RS_PIN', '--so-pin-env', 'RS_SO', '--json'], env);
  assert.equal(made.status, 0, made.stderr);
  const gen = runCli(['keys', 'generate', '--token', 'tsa-token', '--label', 'tsa-key', '--curve', 'p256', '--pin-env', 'RS_PIN', '--json'], env);
  assert.equal(gen.status, 0, gen.stderr);
  const key = gen.json() as { uri: string; publicKeyPem: string };
  const chain = await issueTsaChain(fromPem(key.publicKeyPem, 'PUBLIC KEY'), 'Rootsmith HSM');
  const chainPem = writeChain(file('hsm-chain.pem'), chain);
  const rootPem = file('hsm-root.pem');
  fs.writeFileSync(rootPem, toPem(chain.root, 'CERTIFICATE'));
  const served = await startServe(['--tsa', '--data', file('hsm-data'), '--tsa-key', key.uri, '--tsa-chain', chainPem, '--pin-env', 'RS_PIN'], env);
  running.push(served);
  assert.ok(!served.stderr().includes(env.RS_PIN));
  await checkWithOpenssl(served, 'hsm', rootPem);
  assert.equal(await served.stop(), 0);

  const wrongPin = startServe(['--tsa', '--data', file('hsm-data'), '--tsa-key', key.uri, '--tsa-chain', chainPem, '--pin-env', 'RS_BAD'], { ...env, RS_BAD: '000000' });
  await assert.rejects(wrongPin, (e: Error & { stderr?: string }) => /PIN_INCORRECT/.test(e.stderr ?? ''));
});
