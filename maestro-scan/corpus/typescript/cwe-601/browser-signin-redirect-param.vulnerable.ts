const params = new URLSearchParams(window.location.search);

async function signIn(form: HTMLFormElement): Promise<void> {
  const response = await fetch('/api/session', { method: 'POST', body: new FormData(form) });
  if (!response.ok) return;
  const redirect = params.get('redirect') ?? '/';
  window.location.href = redirect;
}

document.querySelector<HTMLFormElement>('#signin')?.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn(event.currentTarget as HTMLFormElement);
});
