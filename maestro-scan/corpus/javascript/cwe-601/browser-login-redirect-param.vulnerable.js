const form = document.getElementById('login-form');
const params = new URLSearchParams(window.location.search);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/api/session', {
    method: 'POST',
    body: new FormData(form),
  });
  if (response.ok) {
    const redirect = params.get('redirect') || '/home';
    window.location.href = redirect;
  } else {
    document.getElementById('error').textContent = 'Login failed';
  }
});
