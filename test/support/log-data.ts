// Fills the embedded log's data directory (what `rootsmith serve --log --data DIR` opens) with many real signed
// hashedrekord entries fast: bodies in Rekor's canonical form are appended straight to the tile log and its
// side index, in big batches, instead of one POST each. A sample is checked against the server's own
// canonicalisation (acceptProposedEntry) so the shortcut cannot drift from what the API would have logged.
import path from 'node:path';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { canonicalize } from '@tufjs/canonical-json';
import { systemClock } from '../../core/clock';
import { makeClient, makeRig, tokenFor } from '../../core/ca/testing';
import { TileLog } from '../../core/tlog';
import { EntryIndex } from '../../core/tlog/rekor/entry-index';
import { acceptProposedEntry } from '../../core/tlog/rekor/proposed';
import { verifierKey } from '../../core/tlog/rekor/verifier-key';
import { logDir } from '../../app/servers/log';
import { LOG_FILES, openLogIdentity } from '../../app/servers/log/log-identity';
import { signedHashedrekord } from './hashedrekord';

interface SigningIdentity {
  privateKey: KeyObject;
  /** base64 of PEM, as a proposed entry carries it. */
  proposedKey: string;
  /** base64 of the canonical PEM, as the logged body stores it. */
  canonicalKey: string;
}

export interface WrittenLog {
  size: number;
  /** The e-mail in the Fulcio-style certificate that signed every CERT_EVERY-th entry. */
  certEmail: string;
  certIssuer: string;
  /** sha256 hex of the artifact of entry `i`. */
  artifactDigest(i: number): string;
}

export const CERT_EVERY = 50;
const BATCH = 10_000;

function identity(privateKey: KeyObject, pem: string): SigningIdentity {
  const proposedKey = Buffer.from(pem).toString('base64');
  return { privateKey, proposedKey, canonicalKey: verifierKey(proposedKey).canonicalBase64 };
}

const artifact = (i: number) => Buffer.from(`rootsmith explorer artifact ${i}\n`);
const digestOf = (i: number) => createHash('sha256').update(artifact(i)).digest('hex');

function proposed(i: number, who: SigningIdentity): { proposal: unknown; body: Uint8Array } {
  const signature = sign('sha256', artifact(i), who.privateKey).toString('base64');
  const spec = (key: string) => ({ data: { hash: { algorithm: 'sha256', value: digestOf(i) } }, signature: { content: signature, publicKey: { content: key } } });
  const body = new TextEncoder().encode(canonicalize({ apiVersion: '0.0.1', kind: 'hashedrekord', spec: spec(who.canonicalKey) }));
  return { proposal: { apiVersion: '0.0.1', kind: 'hashedrekord', spec: spec(who.proposedKey) }, body };
}

/** Writes `count` entries into DIR/log (creating its key and parameters as the server would), integrated over the last days. */
export async function writeRekorLog(dataDir: string, count: number): Promise<WrittenLog> {
  const dir = logDir(dataDir);
  const ctx = { dataDir, clock: systemClock, port: 0, options: {}, urls: {}, log: () => undefined, announce: () => undefined, secret: async () => '' };
  const id = await openLogIdentity(ctx, dir);
  const keys = Array.from({ length: 4 }, () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return identity(privateKey, publicKey.export({ type: 'spki', format: 'pem' }) as string);
  });
  // One Fulcio-style certificate (email SAN, OIDC issuer extension) from the rehearsal CA rig of core/ca.
  const certEmail = 'release-bot@example.com';
  const rig = await makeRig(systemClock, false);
  let certified: SigningIdentity;
  let certIssuer: string;
  try {
    const client = makeClient();
    const token = await tokenFor(rig, certEmail, systemClock);
    certIssuer = token.issuer;
    const issued = await rig.ca.issue({ token, publicKey: client.spki, proofOfPossession: client.prove(certEmail) });
    certified = identity(client.privateKey, issued.chainPem[0]!);
  } finally {
    rig.cleanup();
  }
  try {
    const tiles = await TileLog.open(path.join(dir, LOG_FILES.tiles), { signer: id.signer, origin: `${id.params.hostname} - ${id.params.treeId}`, keyName: id.params.hostname, fsync: false });
    const index = await EntryIndex.open(path.join(dir, LOG_FILES.index), tiles, systemClock);
    const start = Math.floor(systemClock.now().getTime() / 1000) - 5 * 86_400;
    for (let first = 0; first < count; first += BATCH) {
      const bodies: Uint8Array[] = [];
      for (let i = first; i < Math.min(first + BATCH, count); i++) {
        const { proposal, body } = proposed(i, i % CERT_EVERY === 0 ? certified : keys[i % keys.length]!);
        // Every 997th body (and the first) must be byte-identical to the server's canonical form.
        if (i % 997 === 0 && Buffer.compare(Buffer.from(acceptProposedEntry(proposal).body), Buffer.from(body)) !== 0) {
          throw new Error(`entry ${i}: the test's canonical body differs from the server's`);
        }
        bodies.push(body);
      }
      const { firstIndex } = await tiles.appendBatch(bodies);
      await index.append(firstIndex, bodies, start + Math.floor((first / count) * 5 * 86_400));
    }
    await index.close();
  } finally {
    id.close();
  }
  return { size: count, certEmail, certIssuer, artifactDigest: digestOf };
}

/** A proposed hashedrekord entry for POST /api/v1/log/entries, signed with a fresh key. */
export function proposeEntry(label: string): unknown {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return signedHashedrekord(label, privateKey, publicKey.export({ type: 'spki', format: 'pem' }) as string);
}
