// The tsa service: runs the embedded TSA inside this backend for the GUI (with the same starter as
// `rootsmith serve --tsa`), or defers to the Services stack's TSA when that runs (one backend, one TSA), and
// timestamps, verifies and decodes tokens from any TSA.
import fs from 'node:fs';
import path from 'node:path';
import { fromBase64, parsePemBlocks, toBase64, toPem } from '../../core/bytes';
import { systemClock } from '../../core/clock';
import { decodeTimestamp, TsaError, verifyTimestamp } from '../../core/tsa';
import type { TsaStatus } from '../contract/tsa';
import { startTsaServer, type TsaServer } from '../servers/tsa';
import { appDataDir } from './app-data';
import type { ServiceImpl } from './registry';
import type { StackEmbedded } from './stack-service';
import { stampData } from './tsa-client';
import { viewTsaChain } from './tsa-chain-view';
import { TsaClientError } from './tsa-errors';

export interface TsaService extends ServiceImpl<'tsa'> {
  dispose(): Promise<void>;
}

const MAX_LOG = 50;

/** TOKEN_INVALID said for people: what the bytes should have been, and where such a file comes from. */
function notAToken(e: TsaError): TsaError {
  return new TsaError('TOKEN_INVALID', 'The file given as the timestamp token is not one (neither an RFC 3161 TimeStampResp nor a TimeStampToken): give the .tsr file a TSA returned.', { cause: e });
}

/** CHAIN_INVALID restated with who signed the token and which root was trusted, so a person can tell which is wrong. */
function chainProblem(e: TsaError, der: Uint8Array, roots: readonly Uint8Array[]): TsaError {
  let signer = 'a certificate not included in the token';
  try {
    const t = decodeTimestamp(der).token;
    signer = t?.signer?.subject ?? (t?.signerId.issuer ? `a certificate issued by ${t.signerId.issuer}` : signer);
  } catch {
    // The token decoded for verification already; keep the generic name if it does not here.
  }
  let trusted = 'none';
  try {
    trusted = viewTsaChain(roots).map((c) => c.subject).join('; ') || 'none';
  } catch {
    trusted = 'a certificate that could not be read';
  }
  const said = e.message.charAt(0).toUpperCase() + e.message.slice(1);
  const message = `${said}. Signed by: ${signer}. Trusted root (the last certificate of the chain given): ${trusted}. Give the chain of the TSA that issued this timestamp token, root last.`;
  return new TsaError('CHAIN_INVALID', message, { cause: e });
}

/** The Services stack's TSA, when the stack runs in this backend (absent in the CLI, which has no stack). */
export type StackTsa = () => Promise<StackEmbedded['tsa'] | undefined>;

export function createTsaService(deps: { stackTsa?: StackTsa } = {}): TsaService {
  let running: { server: TsaServer; dataDir: string } | null = null;
  let starting = false;
  const log: string[] = [];

  const stackTsa = async () => (running || !deps.stackTsa ? undefined : deps.stackTsa());

  const status = async (): Promise<TsaStatus> => {
    if (!running) {
      const s = await stackTsa();
      if (!s) return { running: false, issued: 0, chain: [] };
      return {
        running: true,
        source: 'stack',
        url: s.url,
        policyOid: s.policyOid,
        rehearsal: s.keyRef === undefined,
        keyRef: s.keyRef ?? 'the Services rehearsal TSA key',
        dataDir: s.dataDir,
        issued: s.issued,
        chain: viewTsaChain(s.chainDer),
        chainPem: s.chainDer.map((der) => toPem(der, 'CERTIFICATE')).join(''),
      };
    }
    const { server, dataDir } = running;
    return {
      running: true,
      source: 'tsa',
      url: server.url,
      policyOid: server.tsa.policyOid,
      rehearsal: server.rehearsal,
      keyRef: server.keyRef,
      dataDir,
      issued: server.tsa.issuedCount,
      chain: viewTsaChain(server.tsa.certificateChain),
      chainPem: server.chainPem,
    };
  };

  const readData = (r: { dataBase64?: string | undefined; path?: string | undefined }): Uint8Array =>
    r.dataBase64 !== undefined ? fromBase64(r.dataBase64.replace(/\s+/g, '')) : new Uint8Array(fs.readFileSync(path.resolve(r.path!)));

  return {
    status,
    start: async (r) => {
      if (running || starting) throw new TsaClientError('TSA_ALREADY_RUNNING', `The embedded TSA already runs${running ? ` at ${running.server.url}` : ''}; stop it first.`);
      const fromStack = await stackTsa();
      if (fromStack) {
        throw new TsaClientError('TSA_ALREADY_RUNNING', `The Services stack runs a TSA at ${fromStack.url}: use it, or stop the services on the Services screen first.`);
      }
      starting = true;
      try {
        const dataDir = path.resolve(r.dataDir ?? path.join(appDataDir(), 'services'));
        fs.mkdirSync(dataDir, { recursive: true });
        const server = await startTsaServer({
          dataDir,
          clock: systemClock,
          port: 0,
          options: { 'tsa-key': r.key, 'tsa-chain': r.chainPath, 'tsa-policy': r.policy },
          urls: {},
          announce: () => undefined,
          log: (m) => {
            log.push(m);
            if (log.length > MAX_LOG) log.shift();
          },
          secret: async (purpose) => {
            if (r.secret === undefined) throw new TsaClientError('TSA_SECRET_REQUIRED', `${purpose} is needed to start the TSA with this key.`);
            return r.secret;
          },
        });
        running = { server, dataDir };
        return await status();
      } finally {
        starting = false;
      }
    },
    stop: async () => {
      if (!running && (await stackTsa())) {
        throw new TsaClientError('TSA_STACK_OWNED', 'This TSA is part of the Services stack: stop it on the Services screen (Stop all).');
      }
      const current = running;
      running = null;
      await current?.server.close();
      return status();
    },
    stamp: async (r) => {
      const url = r.url ?? running?.server.url ?? (await stackTsa())?.url;
      if (!url) throw new TsaClientError('TSA_NOT_RUNNING', 'No TSA URL was given and the embedded TSA is not running: start it or give a URL.');
      const out = await stampData(url, readData(r));
      return { url: out.url, tokenBase64: toBase64(out.der), decoded: out.decoded };
    },
    verify: (r) => {
      const der = fromBase64(r.tokenBase64.replace(/\s+/g, ''));
      const data = readData({ dataBase64: r.dataBase64, path: r.dataPath });
      const certs = parsePemBlocks(r.chainPem).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
      // The last certificate is the root the user chose to trust; the others only help build the path.
      let verified: ReturnType<typeof verifyTimestamp>;
      try {
        verified = verifyTimestamp(der, {
          data,
          trustedRoots: certs.slice(-1),
          untrusted: certs.slice(0, -1),
          ...(r.policy ? { policyOid: r.policy } : {}),
        });
      } catch (e) {
        if (e instanceof TsaError && e.code === 'CHAIN_INVALID') throw chainProblem(e, der, certs.slice(-1));
        if (e instanceof TsaError && e.code === 'TOKEN_INVALID') throw notAToken(e);
        throw e;
      }
      const decoded = decodeTimestamp(der);
      return {
        valid: true,
        genTime: verified.genTime.toISOString(),
        // As decoded (the INTEGER's octets), so the serial reads the same everywhere it is shown.
        serialHex: decoded.token?.serialHex ?? verified.serial.toString(16),
        policyOid: verified.policyOid,
        signerSubject: verified.signerSubject,
        chain: verified.chain,
        decoded,
      };
    },
    decode: (r) => {
      try {
        return decodeTimestamp(fromBase64(r.tokenBase64.replace(/\s+/g, '')));
      } catch (e) {
        throw e instanceof TsaError && e.code === 'TOKEN_INVALID' ? notAToken(e) : e;
      }
    },
    dispose: async () => {
      const current = running;
      running = null;
      await current?.server.close();
    },
  };
}
