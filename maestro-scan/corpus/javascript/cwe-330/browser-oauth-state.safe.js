const AUTHORIZE_URL = 'https://auth.example.com/authorize';

function startLogin() {
  const state = window.crypto.randomUUID();
  sessionStorage.setItem('oauth_state', state);
  const params = new URLSearchParams({
    client_id: 'web-app',
    response_type: 'code',
    redirect_uri: `${window.location.origin}/callback`,
    state,
  });
  window.location.assign(`${AUTHORIZE_URL}?${params}`);
}

document.getElementById('login').addEventListener('click', startLogin);
