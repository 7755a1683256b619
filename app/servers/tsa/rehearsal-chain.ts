// The rehearsal TSA identity made on first start when no key and chain are given: a throwaway root and a TSA
// leaf for a software key kept in DIR/tsa/, both labelled "Rootsmith rehearsal" so nobody mistakes them for a
// production TSA. Made once and reused, so tokens from earlier runs keep verifying against the same root.
//
// The key is a rehearsal key like every service's (rehearsal-key.ts: encrypted PKCS#8 under a random
// passphrase kept beside it). The root's private key is never written: it signs the leaf and is discarded, so
// nobody can later issue more certificates under the rehearsal root.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../../core/clock';
import type { Signer } from '../../../core/keys';
import { chainToPem, pemToChain, tsaLeafProfile } from '../../../core/pki';
import { TsaError } from '../../../core/tsa';
import { rehearsalKey } from '../rehearsal-key';
import { issueUnderRehearsalRoot, REHEARSAL_ORGANIZATION as ORGANIZATION } from '../rehearsal-root';

const KEY_NAME = 'rehearsal-tsa-key';

export const REHEARSAL_FILES = {
  key: `${KEY_NAME}.pem`,
  passphrase: `${KEY_NAME}.passphrase`,
  chain: 'rehearsal-tsa-chain.pem',
  readme: 'README-rehearsal.txt',
} as const;

const README = `These files are a REHEARSAL timestamp authority made by \`rootsmith serve --tsa\` because no
--tsa-key/--tsa-chain was given. They are not a production TSA.

  ${REHEARSAL_FILES.key}         the TSA signing key (encrypted PKCS#8, P-256)
  ${REHEARSAL_FILES.passphrase}  its passphrase, random, stored here on purpose: a rehearsal key needs no
                                     human secret. Anybody who can read this directory can sign as this TSA.
  ${REHEARSAL_FILES.chain}         the certificate chain, TSA leaf first, rehearsal root last
                                     (subjects carry O=${ORGANIZATION}); the root's private key was discarded.
  tsa-serial.json                    the serial-number state; keep it, so serials never repeat.

Delete this directory to start over with a new rehearsal root.
`;

export interface TsaIdentity {
  signer: Signer;
  /** DER, leaf first, root last. */
  chain: Uint8Array[];
  rehearsal: boolean;
}

/** Loads the rehearsal identity from `dir`, creating it on first use. */
export async function rehearsalIdentity(dir: string, clock: Clock, log: (m: string) => void): Promise<TsaIdentity> {
  const file = (name: string) => path.join(dir, name);
  const present = [REHEARSAL_FILES.key, REHEARSAL_FILES.passphrase, REHEARSAL_FILES.chain].filter((f) => fs.existsSync(file(f)));
  if (present.length === 3) {
    const { signer } = await rehearsalKey(dir, KEY_NAME, 'ecdsa-p256');
    return { signer, chain: pemToChain(fs.readFileSync(file(REHEARSAL_FILES.chain), 'utf8')), rehearsal: true };
  }
  if (present.length > 0) {
    throw new TsaError('TSA_CONFIG_INVALID', `The rehearsal TSA in ${dir} is incomplete (only ${present.join(', ')}); delete that directory to make a new one.`);
  }
  log(`making a rehearsal TSA key and chain in ${dir}`);
  const { signer } = await rehearsalKey(dir, KEY_NAME, 'ecdsa-p256');
  const chain = await issueUnderRehearsalRoot({
    rootName: 'Rootsmith rehearsal TSA root',
    subjectName: 'Rootsmith rehearsal TSA',
    profile: tsaLeafProfile,
    subjectKey: signer,
    now: clock.now(),
  });
  fs.writeFileSync(file(REHEARSAL_FILES.readme), README, { flag: 'wx', mode: 0o600 });
  // The chain is written last: its presence marks a complete rehearsal identity.
  fs.writeFileSync(file(REHEARSAL_FILES.chain), chainToPem(chain), { flag: 'wx', mode: 0o644 });
  return { signer, chain, rehearsal: true };
}
