const banner = document.getElementById('status-banner');

window.addEventListener('message', (event) => {
  const { level, text } = event.data || {};
  if (!text) return;
  banner.className = level === 'error' ? 'banner error' : 'banner';
  const label = document.createElement('span');
  label.textContent = text;
  banner.replaceChildren(Object.assign(document.createElement('span'), { className: 'icon' }), label);
  banner.hidden = false;
});
