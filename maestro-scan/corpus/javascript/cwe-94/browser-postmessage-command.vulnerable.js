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
  const run = new Function('payload', 'HANDLERS', `return HANDLERS.${action}(payload);`);
  run(payload, HANDLERS);
});
