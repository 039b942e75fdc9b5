function randomString(length: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

export function beginAuthorization(clientId: string): void {
  const state = randomString(32);
  sessionStorage.setItem('oauth_state', state);
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', state });
  window.location.assign(`https://auth.example.com/authorize?${query}`);
}
