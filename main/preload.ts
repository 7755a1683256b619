// Preload (sandboxed): exposes exactly the contract as `window.rootsmith`, each method one invoke on one channel.
// Typed against RootsmithApi so the compiler checks the object matches the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type RootsmithApi } from '../app/contract/api';
import { IPC_CHANNEL } from './ipc-channel';

const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
for (const { service, method } of methodNames()) {
  api[service] ??= {};
  api[service]![method] = (request: unknown) => ipcRenderer.invoke(IPC_CHANNEL, service, method, request);
}

contextBridge.exposeInMainWorld('rootsmith', api as unknown as RootsmithApi);
