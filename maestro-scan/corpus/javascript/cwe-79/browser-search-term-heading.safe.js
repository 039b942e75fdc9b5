document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  const term = params.get('q');
  const heading = document.getElementById('search-heading');
  if (term) {
    const strong = document.createElement('strong');
    strong.textContent = term;
    heading.replaceChildren('Showing results for ', strong);
  }
});
