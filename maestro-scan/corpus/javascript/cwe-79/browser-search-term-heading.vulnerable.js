document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  const term = params.get('q');
  const heading = document.getElementById('search-heading');
  if (term) {
    heading.innerHTML = `Showing results for <strong>${term}</strong>`;
  }
});
