function randomString(length: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => chars[b % chars.length]).join('');
}

export function beginAuthorization(clientId: string): void {
  const state = randomString(32);
  sessionStorage.setItem('oauth_state', state);
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', state });
  window.location.assign(`https://auth.example.com/authorize?${query}`);
}
