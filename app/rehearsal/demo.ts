// `rootsmith demo`: a whole private Sigstore rehearsed on this machine, end to end, with every step shown:
// a throwaway SoftHSM2 token, the root + Fulcio intermediate + TSA ceremony, a 3-of-5 TUF trust root, every
// service up with the HSM keys, and an artifact signed and verified with the real sigstore client.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../core/clock';
import { loadPlanFile, openPkcs11KeyStore, runCeremony, type CeremonyResult } from '../../core/ceremony';
import { createTestToken, DEFAULT_MODULE_PATH, fingerprint, openPkcs11Module } from '../../core/keys';
import { startStack } from '../servers/serve-stack';
import { serviceNames } from '../servers/service-host';
import { resolvePlanFile } from '../services/ceremony-presets';
import { FileError } from '../services/file-errors';
import { createDemoRepository, type Holder } from './demo-tuf';
import { signAndVerify, type StackUrls } from './sign-and-verify';

export interface DemoSummary {
  dir: string;
  token: { label: string; conf: string };
  ceremony: { dir: string; digest: string; digestWords: string; outputs: string[] };
  services: Record<string, string>;
  tuf: { repository: string; initialRoot: string; rootThreshold: string; targetsThreshold: string };
  artifact: { file: string; bundle: string; identity: string; issuer: string; logIndex: string; timestamps: number };
  /** Rehearsal-only software keys left in `dir`, each with its passphrase file beside it (the HSM keys cannot sign again). */
  rehearsalKeys: string[];
}

/** Key files whose passphrase sits beside them (`name.pem` + `name.passphrase`): they could still sign. */
function keysWithPassphrases(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.passphrase')) continue;
    const key = path.join(entry.parentPath, `${entry.name.slice(0, -'.passphrase'.length)}.pem`);
    if (fs.existsSync(key)) found.push(key);
  }
  return found.sort();
}

const TOKEN = 'rootsmith-demo';
const HOLDERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

function keyUri(label: string, modulePath: string): string {
  return `pkcs11:token=${TOKEN};object=${label};type=private?module-path=${modulePath}`;
}

export async function runDemo(opts: { dir?: string; email?: string; say(message: string): void }): Promise<DemoSummary> {
  const say = opts.say;
  const dir = opts.dir ? path.resolve(opts.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-demo-'));
  fs.mkdirSync(dir, { recursive: true });
  const present = fs.readdirSync(dir);
  if (present.length > 0) {
    throw new FileError('DIR_NOT_EMPTY', `The demo needs an empty directory, and ${dir} holds ${present.length} item(s) (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}); give another --dir, or none for a new temporary one.`, {
      details: { path: dir },
    });
  }
  const email = opts.email ?? 'demo@example.com';
  const modulePath = DEFAULT_MODULE_PATH;
  // Throwaway PINs, held in memory for this run only: the token is deleted with the demo directory.
  const pin = crypto.randomBytes(9).toString('base64url');

  say(`1/6 Making a throwaway SoftHSM2 token in ${path.join(dir, 'hsm')}`);
  const token = await createTestToken({ dir: path.join(dir, 'hsm'), label: TOKEN, pin, soPin: crypto.randomBytes(9).toString('base64url') });
  process.env.SOFTHSM2_CONF = token.conf;

  say('2/6 Running the private-sigstore ceremony: root CA, Fulcio intermediate, TSA chain, log keys — all inside the token');
  const ceremonyDir = path.join(dir, 'ceremony');
  const plan = loadPlanFile(resolvePlanFile('private-sigstore'), systemClock.now());
  const ceremony: CeremonyResult = await runCeremony({
    plan,
    dir: ceremonyDir,
    inputs: {},
    clock: systemClock,
    operator: 'rootsmith demo',
    confirmation: 'accepted by `rootsmith demo` (a rehearsal)',
    ui: {
      confirm: async () => true,
      pin: async () => pin,
      progress: (e) => {
        if (e.type === 'step-done') say(`   ✓ ${e.step.title}`);
      },
    },
    openKeyStore: async (askPin) => openPkcs11KeyStore(modulePath, TOKEN, await askPin()),
  });
  say(`   transcript digest ${ceremony.digest}\n   read aloud: ${ceremony.digestWords}`);

  say('3/6 Generating five TUF root keys on the token (alice, bob, carol, dave, erin)');
  const module = openPkcs11Module(modulePath);
  const session = await module.openSession(TOKEN, pin);
  try {
    const holders: Holder[] = [];
    for (const name of HOLDERS) {
      const key = await session.generateKeyPair({ label: `tuf-root-${name}`, algorithm: 'ecdsa-p256' });
      holders.push({ name, signer: session.signer(key.uri) });
      say(`   ${name}: ${fingerprint(key.spki!).words}`);
    }

    say('4/6 Starting the log, TSA, CA, test OIDC issuer and TUF mirror with the ceremony keys');
    const stack = await startStack({
      dataDir: path.join(dir, 'services'),
      services: serviceNames,
      clock: systemClock,
      options: {
        'log-key': keyUri('rootsmith-rekor-log', modulePath),
        'tsa-key': keyUri('rootsmith-tsa-signing', modulePath),
        'tsa-chain': path.join(ceremonyDir, 'tsa-chain.pem'),
        'ca-key': keyUri('rootsmith-fulcio-intermediate', modulePath),
        'ca-chain': path.join(ceremonyDir, 'fulcio-chain.pem'),
        'ctlog-key': keyUri('rootsmith-ct-log', modulePath),
      },
      secret: async () => pin,
      log: (name, message) => say(`   ${name}: ${message}`),
      createTrustRepository: (repoDir, files) => {
        say('5/6 Publishing trusted_root.json and signing_config.json through a 3-of-5 TUF repository');
        return createDemoRepository(repoDir, files, holders, systemClock, (m) => say(`   ${m}`));
      },
    });
    let stopped = false;
    try {
      const urls = stack.announced;
      say('6/6 Signing an artifact with the sigstore client and verifying it through TUF');
      const artifactFile = path.join(dir, 'artifact.txt');
      fs.writeFileSync(artifactFile, `Signed by rootsmith demo at ${systemClock.now().toISOString()}\n`);
      const rehearsal = await signAndVerify(urls as unknown as StackUrls, fs.readFileSync(artifactFile), email, (m) => say(`   ${m}`));
      const bundleFile = `${artifactFile}.sigstore.json`;
      fs.writeFileSync(bundleFile, `${JSON.stringify(rehearsal.bundle, null, 2)}\n`);
      // Stopped first, so the list is what is left on disk for good.
      await stack.stop();
      stopped = true;
      return {
        dir,
        rehearsalKeys: keysWithPassphrases(dir),
        token: { label: TOKEN, conf: token.conf },
        ceremony: { dir: ceremonyDir, digest: ceremony.digest, digestWords: ceremony.digestWords, outputs: ceremony.outputs },
        services: urls,
        tuf: { repository: path.join(dir, 'services', 'tuf'), initialRoot: urls.tufRoot ?? '', rootThreshold: '3 of 5', targetsThreshold: '2 of 3' },
        artifact: {
          file: artifactFile,
          bundle: bundleFile,
          identity: rehearsal.verified.identity,
          issuer: rehearsal.verified.issuer,
          logIndex: rehearsal.view.tlogEntries[0]?.logIndex ?? '',
          timestamps: rehearsal.view.timestamps.length,
        },
      };
    } finally {
      if (!stopped) await stack.stop();
    }
  } finally {
    session.close();
    module.close();
  }
}
