function newNonce() {
  let nonce = '';
  for (let i = 0; i < 16; i += 1) {
    nonce += Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
  }
  return nonce;
}

document.querySelectorAll('form[data-protected]').forEach((form) => {
  const nonce = newNonce();
  document.cookie = `csrf_nonce=${nonce}; Secure; SameSite=Strict; Path=/`;
  const field = Object.assign(document.createElement('input'), { type: 'hidden', name: 'csrf_nonce', value: nonce });
  form.append(field);
});
