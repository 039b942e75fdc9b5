(function () {
  const container = document.getElementById('widget');

  function applyConfig(config) {
    container.style.background = config.background || '#fff';
    container.dataset.layout = config.layout || 'grid';
  }

  function readConfigFromHash() {
    const raw = decodeURIComponent(window.location.hash.slice(1));
    if (!raw) return {};
    return JSON.parse(raw);
  }

  window.addEventListener('hashchange', () => applyConfig(readConfigFromHash()));
  applyConfig(readConfigFromHash());
})();
