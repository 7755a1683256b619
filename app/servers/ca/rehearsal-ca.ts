// The rehearsal CA identity made on first start when no --ca-key/--ca-chain is given: a throwaway root and a
// Fulcio intermediate for a software key kept in DIR/ca/, labelled "Rootsmith rehearsal". The root's private
// key is never written (it signs the intermediate and is discarded). Made once and reused.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../../core/clock';
import { CaError } from '../../../core/ca';
import type { Signer } from '../../../core/keys';
import { chainToPem, fulcioIntermediateProfile, pemToChain } from '../../../core/pki';
import { rehearsalKey } from '../rehearsal-key';
import { issueUnderRehearsalRoot, REHEARSAL_ORGANIZATION as ORGANIZATION } from '../rehearsal-root';

export const CA_REHEARSAL_FILES = {
  key: 'rehearsal-fulcio-key',
  chain: 'rehearsal-fulcio-chain.pem',
  readme: 'README-rehearsal.txt',
} as const;

const README = `These files are a REHEARSAL code-signing CA made by \`rootsmith serve --ca\` because no
--ca-key/--ca-chain was given. They are not a production CA.

  ${CA_REHEARSAL_FILES.key}.pem          the Fulcio intermediate's signing key (encrypted PKCS#8, P-384)
  ${CA_REHEARSAL_FILES.key}.passphrase   its passphrase, random, stored here on purpose (rehearsal only)
  ${CA_REHEARSAL_FILES.chain}     intermediate first, rehearsal root last (O=${ORGANIZATION});
                                       the root's private key was discarded.

Delete this directory to start over with a new rehearsal root.
`;

export interface CaIdentity {
  signer: Signer;
  /** DER, issuing certificate first, root last. */
  chain: Uint8Array[];
  rehearsal: boolean;
}

export async function rehearsalCaIdentity(dir: string, clock: Clock, log: (m: string) => void): Promise<CaIdentity> {
  const chainFile = path.join(dir, CA_REHEARSAL_FILES.chain);
  const haveChain = fs.existsSync(chainFile);
  const { signer, created } = await rehearsalKey(dir, CA_REHEARSAL_FILES.key, 'ecdsa-p384');
  if (haveChain && !created) return { signer, chain: pemToChain(fs.readFileSync(chainFile, 'utf8')), rehearsal: true };
  if (haveChain) throw new CaError('CA_CONFIG', `The rehearsal CA in ${dir} has a chain but lost its key; delete that directory to make a new one.`);
  log(`making a rehearsal root and Fulcio intermediate in ${dir}`);
  const chain = await issueUnderRehearsalRoot({
    rootName: 'Rootsmith rehearsal root',
    subjectName: 'Rootsmith rehearsal Fulcio intermediate',
    profile: fulcioIntermediateProfile,
    subjectKey: signer,
    now: clock.now(),
  });
  fs.writeFileSync(path.join(dir, CA_REHEARSAL_FILES.readme), README, { mode: 0o600 });
  // The chain is written last: its presence marks a complete rehearsal identity.
  fs.writeFileSync(chainFile, chainToPem(chain), { flag: 'wx', mode: 0o644 });
  return { signer, chain, rehearsal: true };
}
