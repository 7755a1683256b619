// The demo's TUF repository: a 3-of-5 root and 2-of-3 targets held by five people whose keys are on the HSM,
// signing sessions in which three of them sign, and online snapshot/timestamp keys.
import path from 'node:path';
import type { Clock } from '../../core/clock';
import type { Signer } from '../../core/keys/signer';
import { signStaged } from '../../core/sigstore/publish-targets';
import { TufRepository } from '../../core/tuf/repository';
import { tufKeyFromSpki } from '../../core/tuf/tuf-key';
import { rehearsalKey } from '../servers/rehearsal-key';

export interface Holder {
  name: string;
  signer: Signer;
}

export async function createDemoRepository(
  repoDir: string,
  files: Record<string, Uint8Array>,
  holders: Holder[],
  clock: Clock,
  say: (message: string) => void,
): Promise<void> {
  const keyOf = async (h: Holder) => tufKeyFromSpki(await h.signer.publicKeySpki(), { owner: h.name });
  const online = path.join(repoDir, 'online-keys');
  const snapshot = (await rehearsalKey(online, 'online-snapshot', 'ecdsa-p256')).signer;
  const timestamp = (await rehearsalKey(online, 'online-timestamp', 'ecdsa-p256')).signer;
  const repo = TufRepository.create(repoDir, {
    clock,
    root: { keys: await Promise.all(holders.map(keyOf)), threshold: 3 },
    targets: { keys: await Promise.all(holders.slice(0, 3).map(keyOf)), threshold: 2 },
    snapshot: { keys: [tufKeyFromSpki(await snapshot.publicKeySpki(), { onlineUri: `file:${path.join(online, 'online-snapshot.pem')}` })], threshold: 1 },
    timestamp: { keys: [tufKeyFromSpki(await timestamp.publicKeySpki(), { onlineUri: `file:${path.join(online, 'online-timestamp.pem')}` })], threshold: 1 },
  });
  for (const [name, bytes] of Object.entries(files)) repo.addTarget(name, bytes);
  say(`TUF: root 3 of 5 (${holders.map((h) => h.name).join(', ')}), targets 2 of 3; signing requests made for ${repo.requestSignatures().map((r) => `${r.role} v${r.version}`).join(', ')}`);
  const signing = holders.slice(0, 3);
  await signStaged(repo, signing.map((h) => h.signer));
  for (const s of repo.thresholdStatus()) {
    say(`TUF: ${s.role} v${s.version}: signed by ${s.signedBy.join(', ')} — ${s.have} valid, ${s.need} needed${s.allMet ? ' ✓' : ''}`);
  }
  const published = await repo.publish({ snapshot, timestamp });
  const versions = Object.entries(published.versions).map(([role, v]) => `${role} v${v}`).join(', ');
  say(`TUF: published ${Object.keys(files).join(' and ')} as targets (${versions})`);
}
