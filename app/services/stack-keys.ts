// Ceremony keys for the stack service: a stack.start request turned into the options and secret callback that
// `rootsmith serve` hands to startStack, and the per-service key summary the Services screen shows (never a secret).
import { RootsmithError } from '../../core/errors';
import type { RequestOf } from '../contract/api';
import type { StackKeyUse } from '../contract/stack';

type StartRequest = RequestOf<'stack', 'start'>;

class StackSecretError extends RootsmithError<'SECRET_REQUIRED'> {}

/**
 * The `rootsmith serve` options for this request. The CLI names the environment variables holding the PIN and the
 * passphrase (--pin-env, --passphrase-env) and openServiceKey asks the secret callback for them by that name; here
 * the names are the request's own fields, so the same starters ask for `pin` or `passphrase`.
 */
export function serveOptions(r: StartRequest): Record<string, string | undefined> {
  return {
    'log-key': r.logKey,
    'tsa-key': r.tsaKey,
    'tsa-chain': r.tsaChain,
    'tsa-policy': r.tsaPolicy,
    'ca-key': r.caKey,
    'ca-chain': r.caChain,
    'ctlog-key': r.ctlogKey,
    'oidc-issuer': r.oidcIssuer,
    'pin-env': 'pin',
    'passphrase-env': 'passphrase',
  };
}

/**
 * The secret callback for startStack, holding the PIN and passphrase only until `forget` (called once the start
 * is over, whatever its outcome); a missing secret is a typed error naming what to enter, never its value.
 */
export function stackSecrets(r: StartRequest): { secret(purpose: string, name?: string): Promise<string>; forget(): void } {
  let held: { pin?: string | undefined; passphrase?: string | undefined } | null = { pin: r.pin, passphrase: r.passphrase };
  return {
    secret: async (purpose, name) => {
      const value = name === 'passphrase' ? held?.passphrase : held?.pin;
      if (value === undefined) {
        throw new StackSecretError('SECRET_REQUIRED', `${purpose} is needed to start the services with these keys; enter it in the form.`);
      }
      return value;
    },
    forget: () => {
      held = null;
    },
  };
}

/** Which key each service signs with, for the running view: the reference of a ceremony key, else "rehearsal". */
export function keyUses(r: StartRequest): Record<string, StackKeyUse[]> {
  const use = (what: string, ref: string | undefined, chain?: string): StackKeyUse =>
    ref === undefined ? { use: what, ceremony: false } : { use: what, ceremony: true, ref, ...(chain !== undefined ? { chain } : {}) };
  return {
    log: [use('checkpoints and entry timestamps', r.logKey)],
    tsa: [use('timestamps', r.tsaKey, r.tsaChain)],
    ca: [use('signing certificates', r.caKey, r.caChain), use('CT log', r.ctlogKey)],
    oidc: [],
    tuf: [],
  };
}
