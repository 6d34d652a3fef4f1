/**
 * Where the dashboard keeps the API key: a `#key=sk_…` fragment (never sent to the server; `npm start` prints such
 * a link) is moved into session storage and removed from the address bar; "remember" keeps it in local storage.
 */
const STORAGE_KEY = 'skylane.apiKey';

export function readApiKey(): string | null {
  const m = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (m !== null) {
    const key = decodeURIComponent(m[1]!);
    sessionStorage.setItem(STORAGE_KEY, key);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return key;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY);
}

export function storeApiKey(key: string, remember: boolean): void {
  sessionStorage.setItem(STORAGE_KEY, key);
  if (remember) localStorage.setItem(STORAGE_KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(STORAGE_KEY);
}
