function renderActiveFilter(container: HTMLElement, label: string): void {
  container.innerHTML = `<span class="chip">Filter: ${label}</span>`;
}

const filter = new URLSearchParams(window.location.search).get('filter');
const target = document.getElementById('active-filter');
if (filter && target) {
  renderActiveFilter(target, filter);
}
