// Builds and checks the path from a signing certificate to one of the trusted roots, each certificate valid
// at the given time (a timestamp is judged at its genTime, as Sigstore verifiers do).
import { bytesEqual } from '../bytes';
import type { TsaCert } from './certs';
import { TsaError } from './errors';

const MAX_DEPTH = 8;

function validAt(c: TsaCert, at: Date): boolean {
  return at >= new Date(c.node.validFrom) && at <= new Date(c.node.validTo);
}

function issues(issuer: TsaCert, cert: TsaCert): boolean {
  return issuer.node.ca && cert.node.checkIssued(issuer.node) && cert.node.verify(issuer.node.publicKey);
}

/** Returns [leaf, ..., root]; throws CHAIN_INVALID when no path to a trusted root exists. */
export function buildPath(leaf: TsaCert, pool: readonly TsaCert[], roots: readonly TsaCert[], at: Date): TsaCert[] {
  if (roots.length === 0) throw new TsaError('CHAIN_INVALID', 'no trusted root was given');
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(current, at)) {
      throw new TsaError('CHAIN_INVALID', `a certificate in the chain is not valid at ${at.toISOString()}`);
    }
    if (roots.some((r) => bytesEqual(r.der, current.der))) return path;
    const root = roots.find((r) => issues(r, current));
    if (root) {
      if (!validAt(root, at)) throw new TsaError('CHAIN_INVALID', `the trusted root is not valid at ${at.toISOString()}`);
      return [...path, root];
    }
    const next = pool.find((c) => !path.includes(c) && c.node.subject !== c.node.issuer && issues(c, current));
    if (!next) break;
    path.push(next);
    current = next;
  }
  throw new TsaError('CHAIN_INVALID', 'the signing certificate does not chain to a trusted root');
}
