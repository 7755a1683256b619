// Loads a PKCS#11 library once per process and initialises it (C_Initialize), shared by reference count so
// that closing one Pkcs11Module finalises the library only when nothing else uses it.
import { realpathSync, statSync } from 'node:fs';
import * as graphene from 'graphene-pk11';
import { KeyError } from './errors';

export const DEFAULT_MODULE_PATH = '/usr/lib/softhsm/libsofthsm2.so';

export interface LibraryOptions {
  /**
   * SoftHSM2 only: the softhsm2.conf to use. SoftHSM reads SOFTHSM2_CONF once, at C_Initialize; this sets it
   * for that call only. Without it, process.env.SOFTHSM2_CONF as it is at open time applies.
   */
  softhsm2Conf?: string;
}

export interface LibraryLease {
  readonly module: graphene.Module;
  readonly path: string;
  release(): void;
}

interface Loaded {
  module: graphene.Module;
  refs: number;
  conf: string | undefined;
}

// Keyed by real path: dlopen gives one instance of a library per process, so one C_Initialize state too.
const loaded = new Map<string, Loaded>();

function checkFile(path: string): string {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new KeyError('MODULE_INVALID', `${path} is not a file; give the path of a PKCS#11 library (.so).`, { details: { path } });
    return realpathSync(path);
  } catch (e) {
    if (e instanceof KeyError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new KeyError('MODULE_NOT_FOUND', `No PKCS#11 library at ${path}; check the module path (install softhsm2 for ${DEFAULT_MODULE_PATH}).`, {
        cause: e,
        details: { path },
      });
    }
    throw new KeyError('MODULE_INVALID', `Cannot read the PKCS#11 library at ${path}.`, { cause: e, details: { path } });
  }
}

function withEnv<T>(name: string, value: string | undefined, fn: () => T): T {
  if (value === undefined) return fn();
  const before = process.env[name];
  process.env[name] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

export function acquireLibrary(path: string, options: LibraryOptions = {}): LibraryLease {
  const real = checkFile(path);
  const conf = options.softhsm2Conf ?? process.env.SOFTHSM2_CONF;
  let entry = loaded.get(real);
  if (entry) {
    if (entry.conf !== conf) {
      throw new KeyError(
        'PKCS11_ERROR',
        `${path} is already open in this process with another SOFTHSM2_CONF; close the other module first.`,
        { details: { path } },
      );
    }
    entry.refs++;
  } else {
    let module: graphene.Module;
    try {
      module = graphene.Module.load(real, path);
    } catch (e) {
      throw new KeyError('MODULE_INVALID', `${path} is not a PKCS#11 library (it could not be loaded or has no C_GetFunctionList).`, {
        cause: e,
        details: { path },
      });
    }
    try {
      withEnv('SOFTHSM2_CONF', options.softhsm2Conf, () => module.initialize());
    } catch (e) {
      try {
        module.close();
      } catch {
        // The library failed to initialise; unloading is best effort.
      }
      throw new KeyError('PKCS11_ERROR', `${path} failed to initialise (C_Initialize); for SoftHSM check SOFTHSM2_CONF and its tokendir.`, {
        cause: e,
        details: { path },
      });
    }
    entry = { module, refs: 1, conf };
    loaded.set(real, entry);
  }
  const held = entry;
  let released = false;
  return {
    module: held.module,
    path,
    release(): void {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs > 0) return;
      loaded.delete(real);
      try {
        held.module.finalize();
      } finally {
        held.module.close();
      }
    },
  };
}
