/**
 * Session tokens in the OS keychain's care: Electron's safeStorage encrypts them with a key the
 * keychain (macOS Keychain, Windows DPAPI, libsecret/kwallet) holds, and only the ciphertext is
 * written, one file per key under userData/secrets. Where no keychain is available, secrets stay
 * in memory for this run and are never written in plain text; `persistent` says so to the UI.
 */
import { safeStorage } from 'electron'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MemorySecretStore, type SecretStore } from '../session/secret-store'

class SafeStorageSecretStore implements SecretStore {
  readonly persistent = true

  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.bin`)
  }

  async get(key: string): Promise<string | null> {
    try {
      return safeStorage.decryptString(readFileSync(this.file(key)))
    } catch {
      // Missing, or encrypted under another key (a copied profile): as good as absent.
      return null
    }
  }

  async set(key: string, value: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    writeFileSync(this.file(key), safeStorage.encryptString(value), { mode: 0o600 })
  }

  async delete(key: string): Promise<void> {
    rmSync(this.file(key), { force: true })
  }
}

/** Call after app 'ready': before it, safeStorage cannot tell whether encryption works. */
export function createSecretStore(userData: string): SecretStore {
  // On Linux without a keyring Electron falls back to a fixed key ("basic_text"): that is not secret.
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  return safeStorage.isEncryptionAvailable() && !weak ? new SafeStorageSecretStore(join(userData, 'secrets')) : new MemorySecretStore()
}
