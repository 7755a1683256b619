// A ceremony KeyStore over encrypted PKCS#8 key files in one directory (<label>.key, the PIN as passphrase):
// for rehearsing a plan where no HSM is at hand. Rehearsal only: these private keys are files and can be copied.
import fs from 'node:fs';
import path from 'node:path';
import { KeyError } from '../keys/errors';
import { createSoftwareKey, loadSoftwareKey } from '../keys/software-signer';
import type { KeyAlgorithm, Signer } from '../keys/signer';
import type { KeyRecord, KeyStore } from './steps/types';

function fileOf(dir: string, label: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(label)) {
    throw new KeyError('KEY_UNSUPPORTED', `A software key label becomes a file name: "${label}" must use letters, digits, ".", "_" and "-" only.`, { details: { label } });
  }
  return path.join(dir, `${label}.key`);
}

async function record(label: string, signer: Signer): Promise<KeyRecord> {
  return { label, algorithm: signer.algorithm, spki: await signer.publicKeySpki(), uri: signer.ref, extractable: null, sensitive: null };
}

export function softwareKeyStore(dir: string, passphrase: string): KeyStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    description: `software key directory ${dir} (rehearsal only)`,
    hardware: false,
    async findKey(label) {
      const file = fileOf(dir, label);
      return fs.existsSync(file) ? record(label, await loadSoftwareKey(file, passphrase)) : null;
    },
    async generateKey(label: string, algorithm: KeyAlgorithm) {
      return record(label, await createSoftwareKey(fileOf(dir, label), algorithm, passphrase));
    },
    signer: (label: string) => loadSoftwareKey(fileOf(dir, label), passphrase),
    close: () => undefined,
  };
}
