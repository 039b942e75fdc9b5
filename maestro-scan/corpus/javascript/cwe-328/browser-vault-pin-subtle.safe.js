async function digestPin(pin) {
  const data = new TextEncoder().encode(`vault-pin:${pin}`);
  const buf = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

document.getElementById('set-pin').addEventListener('submit', async (event) => {
  event.preventDefault();
  const pin = event.target.elements.pin.value;
  localStorage.setItem('vaultPinHash', await digestPin(pin));
  event.target.reset();
});
