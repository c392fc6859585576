// The Electron composition root: one locked-down window on the app's own `app://studio` origin, the core
// (database, job supervisor with utilityProcess job processes, services), IPC for the contract, and a
// clean shutdown. Electron is imported here only; the rules it applies live in ./security (tested).
import { app, BrowserWindow, Menu, dialog, ipcMain, protocol, session, utilityProcess, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { setupIpc, forwardEvents } from '../ipc/setup';
import { logger } from '../platform/log';
import { APP_NAME, resolveWorkspace } from '../platform/paths';
import { openCore, type Core } from '../services/core';
import { serveAppFile, workspaceFromArgs } from './protocol';
import { APP_ENTRY, APP_SCHEME, hardenWebContents, isTrustedSender, lockDownSession } from './security';
import { utilityLauncher } from './utility-launcher';

const log = logger('app');

// Must happen before `ready`: the app's scheme behaves like https (secure context, fetch, its own origin).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: join(bundleDir(), 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

function menu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

/** dist/ — where the bundled main, preload and job process sit side by side. */
function bundleDir(): string {
  return join(app.getAppPath(), 'dist');
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  // --workspace DIR, else STUDIO_WORKSPACE, else Electron's per-user data folder (what paths.ts defaults to).
  const workspace = resolveWorkspace(workspaceFromArgs(process.argv) ?? process.env.STUDIO_WORKSPACE ?? app.getPath('userData'));
  const rendererDir = join(app.getAppPath(), 'renderer', 'dist');

  lockDownSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request.url));
  Menu.setApplicationMenu(menu());

  let core: Core;
  try {
    core = openCore({ workspace, mode: 'electron', launcher: utilityLauncher(utilityProcess.fork, join(bundleDir(), 'job-process.js')) });
  } catch (error) {
    dialog.showErrorBox(APP_NAME, `Cannot open the workspace ${workspace}:\n\n${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
    return;
  }
  const removeIpc = setupIpc(ipcMain, core.services, { isTrustedSender });
  const window = createWindow();
  forwardEvents((listener) => core.supervisor.subscribe(listener), window.webContents);

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    removeIpc();
    core
      .close()
      .catch((error: unknown) => log.error('shutdown failed', { error: String(error) }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

start().catch((error: unknown) => {
  log.error('the app failed to start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  app.exit(2);
});
