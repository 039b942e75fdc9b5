const banner = document.getElementById('status-banner');

window.addEventListener('message', (event) => {
  const { level, text } = event.data || {};
  if (!text) return;
  banner.className = level === 'error' ? 'banner error' : 'banner';
  banner.innerHTML = '<span class="icon"></span>' + text;
  banner.hidden = false;
});
