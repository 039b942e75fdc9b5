function showToast(message) {
  const toast = document.querySelector('.toast');
  toast.innerHTML = message;
  toast.classList.add('visible');
  setTimeout(() => toast.classList.remove('visible'), 4000);
}

const flash = new URLSearchParams(window.location.search).get('msg');
if (flash) {
  showToast(flash);
}
