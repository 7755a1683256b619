// Test support for `rootsmith tuf`: software keys made with openssl (encrypted PKCS#8 + public PEM), SoftHSM2 keys
// made through `rootsmith keys`, and the CLI run with --json.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from './cli';
import { cliEntry, projectRoot } from './paths';

export const PASS = 'tuf-test-passphrase';
export const PIN = '24681357';

/** An encrypted P-256 key file and its public key PEM in `dir`: `{ key, pub }` paths. */
export function softwareKey(dir: string, name: string): { key: string; pub: string } {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, `${name}.key`);
  const pub = path.join(dir, `${name}.pub`);
  const env = { ...process.env, RS_PASS: PASS };
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc', '-pass', 'env:RS_PASS', '-out', key], { env, stdio: 'pipe' });
  execFileSync('openssl', ['pkey', '-in', key, '-passin', 'env:RS_PASS', '-pubout', '-out', pub], { env, stdio: 'pipe' });
  return { key, pub };
}

/** A signer's machine with its own SoftHSM2 token; the keys are generated on it through the CLI. */
export function hsmMachine(dir: string, token: string): { conf: string; env: Record<string, string>; generate(label: string): { uri: string; pub: string } } {
  const hsm = path.join(dir, 'hsm');
  const env = { RS_PIN: PIN, RS_SO_PIN: PIN, SOFTHSM2_CONF: path.join(hsm, 'softhsm2.conf') };
  const made = runCli(['keys', 'test-token', '--dir', hsm, '--label', token, '--pin-env', 'RS_PIN', '--so-pin-env', 'RS_SO_PIN', '--json'], env);
  assert.equal(made.status, 0, made.stderr);
  return {
    conf: env.SOFTHSM2_CONF,
    env,
    generate(label) {
      const r = runCli(['keys', 'generate', '--token', token, '--label', label, '--curve', 'p256', '--pin-env', 'RS_PIN', '--json'], env);
      assert.equal(r.status, 0, r.stderr);
      const out = r.json() as { uri: string; publicKeyPem: string };
      const pub = path.join(dir, `${label}.pub`);
      fs.writeFileSync(pub, out.publicKeyPem);
      return { uri: out.uri, pub };
    },
  };
}

export function tuf(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  return runCli(['tuf', ...args, '--json'], { RS_PASS: PASS, ...env });
}

/** Runs a tuf verb that must succeed and returns its JSON. */
export function tufOk<T>(args: string[], env: Record<string, string | undefined> = {}): T {
  const r = tuf(args, env);
  assert.equal(r.status, 0, `rootsmith tuf ${args.join(' ')}\n${r.stderr}\n${r.stdout}`);
  return r.json() as T;
}

/** Starts `rootsmith tuf serve DIR` and resolves with its URL once it printed `{ "tuf": url }`. */
export function startTufServe(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [cliEntry, 'tuf', 'serve', dir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('\n')) resolve({ url: (JSON.parse(out.slice(0, out.indexOf('\n'))) as { tuf: string }).tuf, stop });
    });
    void exited.then(() => reject(new Error(`tuf serve exited: ${err}`)));
  });
}
