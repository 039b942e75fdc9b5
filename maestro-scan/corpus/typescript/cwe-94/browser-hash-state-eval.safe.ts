interface ViewState {
  zoom: number;
  center: [number, number];
}

function readState(): ViewState {
  const raw = decodeURIComponent(window.location.hash.slice(1));
  if (!raw) return { zoom: 4, center: [0, 0] };
  return JSON.parse(raw) as ViewState;
}

window.addEventListener('hashchange', () => {
  const state = readState();
  document.body.dataset.zoom = String(state.zoom);
});
