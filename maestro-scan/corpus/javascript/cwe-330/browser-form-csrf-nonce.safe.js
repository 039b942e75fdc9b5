function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

document.querySelectorAll('form[data-protected]').forEach((form) => {
  const nonce = newNonce();
  document.cookie = `csrf_nonce=${nonce}; Secure; SameSite=Strict; Path=/`;
  const field = Object.assign(document.createElement('input'), { type: 'hidden', name: 'csrf_nonce', value: nonce });
  form.append(field);
});
