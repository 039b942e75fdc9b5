function showToast(message) {
  const toast = document.querySelector('.toast');
  // textContent, not innerHTML: the message comes from the URL.
  toast.textContent = message;
  toast.classList.add('visible');
  setTimeout(() => toast.classList.remove('visible'), 4000);
}

const flash = new URLSearchParams(window.location.search).get('msg');
if (flash) {
  showToast(flash);
}
