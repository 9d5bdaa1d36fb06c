/**
 * The app's identity to the desktop: electron-builder's `build.appId` in package.json (a test
 * keeps the two equal). On Windows the installer gives the Start menu shortcut this ID, and
 * Windows shows an app's notifications, and groups its taskbar windows, only when the running
 * process says the same ID.
 */
export const APP_ID = 'app.observe.console'
