// The tsa service: runs the embedded TSA inside this backend for the GUI (with the same starter as
// `rootsmith serve --tsa`), and timestamps, verifies and decodes tokens from any TSA.
import fs from 'node:fs';
import path from 'node:path';
import { fromBase64, parsePemBlocks, toBase64 } from '../../core/bytes';
import { systemClock } from '../../core/clock';
import { decodeTimestamp, verifyTimestamp } from '../../core/tsa';
import type { TsaStatus } from '../contract/tsa';
import { startTsaServer, type TsaServer } from '../servers/tsa';
import { appDataDir } from './app-data';
import type { ServiceImpl } from './registry';
import { stampData } from './tsa-client';
import { viewTsaChain } from './tsa-chain-view';
import { TsaClientError } from './tsa-errors';

export interface TsaService extends ServiceImpl<'tsa'> {
  dispose(): Promise<void>;
}

const MAX_LOG = 50;

export function createTsaService(): TsaService {
  let running: { server: TsaServer; dataDir: string } | null = null;
  let starting = false;
  const log: string[] = [];

  const status = (): TsaStatus => {
    if (!running) return { running: false, issued: 0, chain: [] };
    const { server, dataDir } = running;
    return {
      running: true,
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
        return status();
      } finally {
        starting = false;
      }
    },
    stop: async () => {
      const current = running;
      running = null;
      await current?.server.close();
      return status();
    },
    stamp: async (r) => {
      const url = r.url ?? running?.server.url;
      if (!url) throw new TsaClientError('TSA_NOT_RUNNING', 'No TSA URL was given and the embedded TSA is not running: start it or give a URL.');
      const out = await stampData(url, readData(r));
      return { url: out.url, tokenBase64: toBase64(out.der), decoded: out.decoded };
    },
    verify: (r) => {
      const der = fromBase64(r.tokenBase64.replace(/\s+/g, ''));
      const data = readData({ dataBase64: r.dataBase64, path: r.dataPath });
      const certs = parsePemBlocks(r.chainPem).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
      // The last certificate is the root the user chose to trust; the others only help build the path.
      const verified = verifyTimestamp(der, {
        data,
        trustedRoots: certs.slice(-1),
        untrusted: certs.slice(0, -1),
        ...(r.policy ? { policyOid: r.policy } : {}),
      });
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
    decode: (r) => decodeTimestamp(fromBase64(r.tokenBase64.replace(/\s+/g, ''))),
    dispose: async () => {
      const current = running;
      running = null;
      await current?.server.close();
    },
  };
}
