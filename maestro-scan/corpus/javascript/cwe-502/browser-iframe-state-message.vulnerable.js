const editor = document.querySelector('#editor');

window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'restore-state') {
    const state = new Function('return ' + event.data.payload)();
    editor.value = state.text || '';
    editor.setSelectionRange(state.cursor || 0, state.cursor || 0);
  }
});

parent.postMessage({ type: 'editor-ready' }, '*');
