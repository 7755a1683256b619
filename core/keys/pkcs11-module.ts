// A PKCS#11 library opened for use: what it is, which tokens it offers, and logged-in sessions on them.
import type * as graphene from 'graphene-pk11';
import { KeyError } from './errors';
import { CKF_RW_SESSION, CKF_SERIAL_SESSION } from './pkcs11-constants';
import { pkcs11Error } from './pkcs11-errors';
import { acquireLibrary, DEFAULT_MODULE_PATH, type LibraryLease, type LibraryOptions } from './pkcs11-library';
import { loginUser } from './pkcs11-login';
import { Pkcs11Session } from './pkcs11-session';
import { mechanismsOf, readTokenInfo, type TokenInfo } from './pkcs11-tokens';

export { DEFAULT_MODULE_PATH, type LibraryOptions } from './pkcs11-library';

export interface ModuleInfo {
  path: string;
  description: string;
  manufacturer: string;
  /** "major.minor" of the library. */
  libraryVersion: string;
  /** Same as libraryVersion (the name app/ uses). */
  version: string;
  /** "major.minor" of the Cryptoki interface it implements. */
  cryptokiVersion: string;
}

/** Which token to use; every given field must match. A bare string is a token label. */
export interface TokenSelector {
  label?: string;
  serial?: string;
  manufacturer?: string;
  model?: string;
  slotId?: number;
}

function describeSelector(s: TokenSelector): string {
  return Object.entries(s)
    .map(([k, v]) => `${k} "${String(v)}"`)
    .join(', ');
}

export class Pkcs11Module {
  private lease: LibraryLease | undefined;
  private readonly sessions = new Set<Pkcs11Session>();

  /** @internal Use openPkcs11Module. */
  constructor(lease: LibraryLease) {
    this.lease = lease;
  }

  get path(): string {
    return this.live().path;
  }

  private live(): LibraryLease {
    if (!this.lease) throw new KeyError('PKCS11_ERROR', 'This PKCS#11 module is closed; open it again.');
    return this.lease;
  }

  /** @internal The graphene module, for code in core/keys that needs raw calls (token initialisation). */
  graphene(): graphene.Module {
    return this.live().module;
  }

  info(): ModuleInfo {
    const m = this.live().module;
    return {
      path: this.live().path,
      description: m.libraryDescription,
      manufacturer: m.manufacturerID,
      libraryVersion: `${m.libraryVersion.major}.${m.libraryVersion.minor}`,
      version: `${m.libraryVersion.major}.${m.libraryVersion.minor}`,
      cryptokiVersion: `${m.cryptokiVersion.major}.${m.cryptokiVersion.minor}`,
    };
  }

  /** @internal Slots with a token present, with what their tokens report. */
  slots(): { slot: graphene.Slot; info: TokenInfo }[] {
    try {
      const list = this.live().module.getSlots(true);
      const out: { slot: graphene.Slot; info: TokenInfo }[] = [];
      for (let i = 0; i < list.length; i++) {
        const slot = list.items(i);
        out.push({ slot, info: readTokenInfo(slot) });
      }
      return out;
    } catch (e) {
      throw pkcs11Error(e, 'listing its slots and tokens');
    }
  }

  /** Every slot with a token present, including uninitialised tokens (flags.initialized false). */
  listTokens(): TokenInfo[] {
    return this.slots().map((s) => s.info);
  }

  /** @internal The one initialised token matching `selector`; TOKEN_NOT_FOUND when none or several match. */
  findSlot(selector: TokenSelector): { slot: graphene.Slot; info: TokenInfo } {
    const all = this.slots();
    const matches = all.filter(
      ({ info }) =>
        info.flags.initialized &&
        (selector.label === undefined || info.label === selector.label) &&
        (selector.serial === undefined || info.serial === selector.serial) &&
        (selector.manufacturer === undefined || info.manufacturer === selector.manufacturer) &&
        (selector.model === undefined || info.model === selector.model) &&
        (selector.slotId === undefined || info.slotId === selector.slotId),
    );
    if (matches.length === 0) {
      const available = all
        .filter(({ info }) => info.flags.initialized)
        .map(({ info }) => `"${info.label}"`)
        .join(', ');
      throw new KeyError('TOKEN_NOT_FOUND', `No token with ${describeSelector(selector)}${available ? `; available: ${available}` : ''}.`, {
        details: { ...selector },
      });
    }
    if (matches.length > 1) {
      throw new KeyError('TOKEN_NOT_FOUND', `${matches.length} tokens match ${describeSelector(selector)}; name the token by its serial too.`, {
        details: { ...selector },
      });
    }
    return matches[0]!;
  }

  /**
   * Opens a read-write session on the token and logs in as the user. PIN_INCORRECT (message says when few or
   * one try remain), PIN_LOCKED, TOKEN_NOT_FOUND. The PIN is used for C_Login only and not kept.
   */
  async openSession(token: string | TokenSelector, pin: string): Promise<Pkcs11Session> {
    const { slot, info } = this.findSlot(typeof token === 'string' ? { label: token } : token);
    let session: graphene.Session;
    try {
      session = slot.open(CKF_RW_SESSION | CKF_SERIAL_SESSION);
    } catch (e) {
      throw pkcs11Error(e, `opening a session on token "${info.label}"`);
    }
    try {
      loginUser(slot, session, pin);
    } catch (e) {
      session.close();
      throw e;
    }
    const s: Pkcs11Session = new Pkcs11Session(session, info, mechanismsOf(slot), { tokenLabel: info.label, modulePath: this.path }, () =>
      this.sessions.delete(s),
    );
    this.sessions.add(s);
    return s;
  }

  /** Closes its sessions and releases the library (C_Finalize once no other module in this process uses it). */
  close(): void {
    if (!this.lease) return;
    for (const s of [...this.sessions]) s.close();
    const lease = this.lease;
    this.lease = undefined;
    lease.release();
  }
}

/**
 * Loads and initialises a PKCS#11 library (default: SoftHSM2). MODULE_NOT_FOUND when there is no such file,
 * MODULE_INVALID when it is not a PKCS#11 library. Set `options.softhsm2Conf` (or process.env.SOFTHSM2_CONF
 * before calling) to pick a SoftHSM configuration.
 */
export function openPkcs11Module(path: string = DEFAULT_MODULE_PATH, options: LibraryOptions = {}): Pkcs11Module {
  return new Pkcs11Module(acquireLibrary(path, options));
}

