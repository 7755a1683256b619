// A rehearsal software key kept in a service's data directory: encrypted PKCS#8 under a random passphrase
// stored beside it (mode 0600). A rehearsal needs no human secret; anybody who can read the directory could
// take the key anyway. Made once, then reused across restarts. Every service's rehearsal key is made here.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createSoftwareKey, loadSoftwareKey, type KeyAlgorithm, type SoftwareSigner } from '../../core/keys';

export interface RehearsalKey {
  signer: SoftwareSigner;
  created: boolean;
}

/** Loads `dir/<name>.pem` (passphrase in `dir/<name>.passphrase`), creating both when neither exists. */
export async function rehearsalKey(dir: string, name: string, algorithm: KeyAlgorithm): Promise<RehearsalKey> {
  const keyFile = path.join(dir, `${name}.pem`);
  const passFile = path.join(dir, `${name}.passphrase`);
  if (fs.existsSync(keyFile) && fs.existsSync(passFile)) {
    return { signer: await loadSoftwareKey(keyFile, fs.readFileSync(passFile, 'utf8').trim()), created: false };
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A passphrase file without its key (a crash between the two writes) is replaced; a key without one is kept
  // and createSoftwareKey refuses to overwrite it (KEY_FILE_EXISTS), which names the file to delete.
  if (!fs.existsSync(keyFile)) fs.rmSync(passFile, { force: true });
  const passphrase = randomBytes(32).toString('base64url');
  fs.writeFileSync(passFile, `${passphrase}\n`, { flag: 'wx', mode: 0o600 });
  return { signer: await createSoftwareKey(keyFile, algorithm, passphrase), created: true };
}
