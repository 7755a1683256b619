// Electron main process: one window, the contract over IPC, nothing else. No domain logic lives here.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { createBackend } from '../app/services';
import { IPC_CHANNEL, PROGRESS_CHANNEL } from './ipc-channel';

const rendererDir = path.join(__dirname, '..', 'renderer');
const rendererIndex = path.join(rendererDir, 'index.html');

function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  // Drop calls from any frame that is not our own renderer page (cf. electron/fiddle's sender check).
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('file://') && decodeURIComponent(new URL(url).pathname) === rendererIndex;
}

async function createWindow(): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Rootsmith',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  await win.loadFile(rendererIndex);
  return win;
}

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  const backend = createBackend('electron');
  ipcMain.handle(IPC_CHANNEL, async (event, service: unknown, method: unknown, request: unknown) => {
    if (!fromOurWindow(event)) return { ok: false, error: { code: 'SENDER_REJECTED', message: 'Calls are only accepted from the Rootsmith window.' } };
    if (typeof service !== 'string' || typeof method !== 'string') return { ok: false, error: { code: 'REQUEST_INVALID', message: 'Service and method must be strings.' } };
    return backend.registry.dispatch(service, method, request);
  });
  app.on('window-all-closed', () => {
    backend.dispose();
    app.quit();
  });
  const win = await createWindow();
  const unsubscribe = backend.progress.subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(PROGRESS_CHANNEL, event);
  });
  win.on('closed', unsubscribe);
});
