// The TUF repository `rootsmith serve` publishes the trust material through. When DATA/tuf holds no repository,
// a rehearsal one is made (software keys in DATA/tuf/rehearsal-keys, 1 of 1 per role); a repository made by a
// ceremony (HSM keys, thresholds) is used as it is, and changed trust material then needs a signing session.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../../core/clock';
import type { Signer } from '../../../core/keys/signer';
import { changedTargets, publishTargets, signStaged } from '../../../core/sigstore/publish-targets';
import { TufRepository } from '../../../core/tuf/repository';
import { tufKeyFromSpki } from '../../../core/tuf/tuf-key';
import { rehearsalKey } from '../rehearsal-key';

export interface TrustRootOutcome {
  repoDir: string;
  publishedDir: string;
  /** The first root version: what a client is given to trust. */
  initialRoot: string;
  /** Target names whose bytes changed and could not be signed here (a ceremony-made repository). */
  stale: string[];
  created: boolean;
}

const roles = ['root', 'targets', 'snapshot', 'timestamp'] as const;

async function rehearsalSigners(keysDir: string): Promise<Record<(typeof roles)[number], Signer>> {
  const out = {} as Record<(typeof roles)[number], Signer>;
  for (const role of roles) out[role] = (await rehearsalKey(keysDir, `rehearsal-tuf-${role}`, 'ecdsa-p256')).signer;
  return out;
}

export async function publishTrustRoot(
  dataDir: string,
  files: Record<string, Uint8Array>,
  clock: Clock,
  log: (m: string) => void,
  createRepository?: (repoDir: string, files: Record<string, Uint8Array>) => Promise<void>,
): Promise<TrustRootOutcome> {
  const repoDir = path.join(dataDir, 'tuf');
  const keysDir = path.join(repoDir, 'rehearsal-keys');
  let exists = fs.existsSync(path.join(repoDir, 'rootsmith-tuf.json'));
  let created = false;
  if (!exists && createRepository) {
    await createRepository(repoDir, files);
    exists = true;
    created = true;
  }
  let repo: TufRepository;
  if (!exists) {
    const signers = await rehearsalSigners(keysDir);
    const keyOf = async (role: (typeof roles)[number]) => tufKeyFromSpki(await signers[role].publicKeySpki(), { owner: `rehearsal-${role}` });
    repo = TufRepository.create(repoDir, {
      clock,
      root: { keys: [await keyOf('root')], threshold: 1 },
      targets: { keys: [await keyOf('targets')], threshold: 1 },
      snapshot: { keys: [await keyOf('snapshot')], threshold: 1 },
      timestamp: { keys: [await keyOf('timestamp')], threshold: 1 },
    });
    created = true;
    log(`created a rehearsal TUF repository in ${repoDir} (software keys, 1 of 1 per role)`);
  } else {
    repo = TufRepository.open(repoDir, { clock });
  }
  let stale: string[] = [];
  if (fs.existsSync(keysDir)) {
    const signers = await rehearsalSigners(keysDir);
    if (created) await signStaged(repo, [signers.root, signers.targets]);
    const outcome = await publishTargets(repo, files, { offline: [signers.root, signers.targets], snapshot: signers.snapshot, timestamp: signers.timestamp });
    if (outcome.changed) log(`published ${outcome.paths.join(', ') || 'metadata'} through TUF`);
    // Online roles expire in days: refresh them whenever the service starts so a long-lived rehearsal keeps working.
    else await repo.refreshOnline(signers.snapshot, signers.timestamp);
  } else {
    stale = changedTargets(repo, files);
    if (stale.length > 0) {
      log(`WARNING: ${stale.join(', ')} changed, but this repository's targets role needs offline signatures: run a signing session (rootsmith tuf request/sign/import/publish). Clients still get the published version.`);
    }
  }
  const publishedDir = repo.layout.published;
  return { repoDir, publishedDir, initialRoot: path.join(repo.layout.publishedMetadata, '1.root.json'), stale, created };
}
