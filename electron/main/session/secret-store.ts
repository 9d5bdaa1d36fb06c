/**
 * Where session tokens are kept. The Electron shell implements it with the OS keychain
 * (shell/secret-store.ts); tests and browser mode keep secrets in memory. Plain Node: no Electron here.
 */
export interface SecretStore {
  /** True when secrets outlive the process (a keychain); false when they are in memory only. */
  readonly persistent: boolean
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false
  private readonly secrets = new Map<string, string>()

  async get(key: string): Promise<string | null> {
    return this.secrets.get(key) ?? null
  }

  async set(key: string, value: string): Promise<void> {
    this.secrets.set(key, value)
  }

  async delete(key: string): Promise<void> {
    this.secrets.delete(key)
  }
}
