// A logged-in session on one token: list keys, generate key pairs, and hand out signers for its keys.
import type * as graphene from 'graphene-pk11';
import { KeyError } from './errors';
import { generateKeyPair, type GenerateKeyPairOptions } from './pkcs11-keygen';
import { describeKeyPair, findKeyPair, keyPairs, keyUri, type KeyInfo, type KeyLocation } from './pkcs11-keys';
import { Pkcs11Signer } from './pkcs11-signer';
import type { TokenInfo } from './pkcs11-tokens';
import { isPkcs11Uri, parsePkcs11Uri } from './pkcs11-uri';

export class Pkcs11Session {
  private closed = false;
  private readonly signers = new Set<Pkcs11Signer>();

  /** @internal Made by Pkcs11Module.openSession. */
  constructor(
    private readonly session: graphene.Session,
    readonly token: TokenInfo,
    private readonly mechanisms: Set<number>,
    private readonly location: KeyLocation,
    private readonly onClose: () => void,
  ) {}

  private live(): graphene.Session {
    if (this.closed) throw new KeyError('NOT_LOGGED_IN', 'This PKCS#11 session is closed; open a new one.');
    return this.session;
  }

  listKeys(): KeyInfo[] {
    const session = this.live();
    return keyPairs(session).map((pair) => describeKeyPair(pair, this.location));
  }

  async generateKeyPair(options: GenerateKeyPairOptions): Promise<KeyInfo> {
    return generateKeyPair(this.live(), this.mechanisms, this.location, options);
  }

  /**
   * A signer for the private key named by an RFC 7512 URI (object= and/or id=; token= must be this token's)
   * or by its label. KEY_NOT_FOUND when nothing or more than one key matches.
   */
  signer(uriOrLabel: string): Pkcs11Signer {
    const session = this.live();
    let selector: { label?: string; id?: Uint8Array };
    if (isPkcs11Uri(uriOrLabel)) {
      const uri = parsePkcs11Uri(uriOrLabel);
      if (uri.token !== undefined && uri.token !== this.token.label) {
        throw new KeyError('TOKEN_NOT_FOUND', `The key is on token "${uri.token}", but this session is on "${this.token.label}".`, {
          details: { token: uri.token },
        });
      }
      if (uri.type !== undefined && uri.type !== 'private') {
        throw new KeyError('URI_INVALID', `A signing key URI names a private key (type=private), not type=${uri.type}.`);
      }
      selector = { ...(uri.object !== undefined ? { label: uri.object } : {}), ...(uri.id !== undefined ? { id: uri.id } : {}) };
    } else {
      selector = { label: uriOrLabel };
    }
    const pair = findKeyPair(session, selector);
    const signer = new Pkcs11Signer(session, pair, keyUri(pair, this.location), () => this.signers.delete(signer));
    this.signers.add(signer);
    return signer;
  }

  /** Closes the session (C_CloseSession); the token logs the user out when its last session closes. */
  close(): void {
    if (this.closed) return;
    for (const s of [...this.signers]) s.close();
    this.closed = true;
    try {
      this.session.close();
    } catch {
      // The token may already be gone; nothing more to release on our side.
    }
    this.onClose();
  }
}
