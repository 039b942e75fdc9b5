const HANDLERS = {
  resize: (payload) => {
    document.body.style.height = `${Number(payload.height)}px`;
  },
  theme: (payload) => {
    document.documentElement.dataset.theme = payload.name === 'dark' ? 'dark' : 'light';
  },
};

window.addEventListener('message', (event) => {
  const { action, payload } = event.data || {};
  if (Object.prototype.hasOwnProperty.call(HANDLERS, action)) {
    HANDLERS[action](payload);
  }
});
