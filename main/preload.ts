// Preload (sandboxed): exposes exactly the contract as `window.rootsmith`, each method one invoke on one channel.
// Typed against RootsmithApi so the compiler checks the object matches the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type ProgressEvent, type RootsmithBridge } from '../app/contract/api';
import { IPC_CHANNEL, PROGRESS_CHANNEL } from './ipc-channel';

const api: Record<string, unknown> = {};
const services: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
for (const { service, method } of methodNames()) {
  services[service] ??= {};
  services[service]![method] = (request: unknown) => ipcRenderer.invoke(IPC_CHANNEL, service, method, request);
}
Object.assign(api, services);
api.onProgress = (listener: (event: ProgressEvent) => void) => {
  const handler = (_e: unknown, event: ProgressEvent) => listener(event);
  ipcRenderer.on(PROGRESS_CHANNEL, handler);
  return () => {
    ipcRenderer.off(PROGRESS_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('rootsmith', api as unknown as RootsmithBridge);
