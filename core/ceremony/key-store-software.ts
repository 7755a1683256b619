// A ceremony KeyStore over encrypted PKCS#8 key files in one directory (<label>.key, the PIN as passphrase):
// for rehearsing a plan where no HSM is at hand. Rehearsal only: these private keys are files and can be copied.
import fs from 'node:fs';
import path from 'node:path';
import { KeyError } from '../keys/errors';
import { checkNewPassphrase, createSoftwareKey, loadSoftwareKey } from '../keys/software-signer';
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

/**
 * The key in `file`, for a ceremony looking for `label`. A file that holds no readable key (an empty file an
 * interrupted run of an older version left, or anything else) is named with what to do; it is never deleted here.
 */
async function readKeyFile(file: string, label: string, passphrase: string): Promise<KeyRecord> {
  try {
    return await record(label, await loadSoftwareKey(file, passphrase));
  } catch (e) {
    if (e instanceof KeyError && e.code === 'PASSPHRASE_INCORRECT') {
      throw new KeyError('PASSPHRASE_INCORRECT', `The passphrase does not open ${file} (the key "${label}"): it was mistyped, or the file belongs to another rehearsal with another passphrase. Run again with the right passphrase, or use another key directory.`, { cause: e, details: { label, file } });
    }
    if (!(e instanceof KeyError) || e.code !== 'KEY_UNSUPPORTED') throw e;
    const empty = e.details?.empty === true;
    throw new KeyError(
      'KEY_UNSUPPORTED',
      empty
        ? `The key file ${file} for "${label}" is empty (0 bytes): an interrupted key generation left it and it holds no key. Delete it and run the ceremony again; the step makes a new key.`
        : `${file} is where the key "${label}" belongs, but it holds no private key Rootsmith can read (${e.message}). Move it away and run the ceremony again.`,
      { cause: e, details: { label, file, ...(empty ? { empty: true } : {}) } },
    );
  }
}

export function softwareKeyStore(dir: string, passphrase: string): KeyStore {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new KeyError('KEY_UNSUPPORTED', `The rehearsal key directory ${dir} cannot be made: a file is in the way (a directory was expected).`, { cause: e, details: { path: dir } });
    }
    throw e;
  }
  return {
    description: `software key directory ${dir} (rehearsal only)`,
    hardware: false,
    async findKey(label) {
      const file = fileOf(dir, label);
      return fs.existsSync(file) ? readKeyFile(file, label, passphrase) : null;
    },
    async generateKey(label: string, algorithm: KeyAlgorithm) {
      return record(label, await createSoftwareKey(fileOf(dir, label), algorithm, passphrase));
    },
    signer: (label: string) => loadSoftwareKey(fileOf(dir, label), passphrase),
    checkCanGenerate: () => checkNewPassphrase(passphrase),
    close: () => undefined,
  };
}
