/** Access and refresh tokens, kept in localStorage under fixed keys. */
export const ACCESS_KEY = 'skillbase.access'
export const REFRESH_KEY = 'skillbase.refresh'

export interface TokenPair {
  access_token: string
  refresh_token: string
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

export const tokens = {
  access: (): string | null => read(ACCESS_KEY),
  refresh: (): string | null => read(REFRESH_KEY),
  set(pair: TokenPair): void {
    localStorage.setItem(ACCESS_KEY, pair.access_token)
    localStorage.setItem(REFRESH_KEY, pair.refresh_token)
  },
  clear(): void {
    try {
      localStorage.removeItem(ACCESS_KEY)
      localStorage.removeItem(REFRESH_KEY)
    } catch {
      // nothing to clear
    }
  },
  has: (): boolean => read(ACCESS_KEY) !== null || read(REFRESH_KEY) !== null,
}
