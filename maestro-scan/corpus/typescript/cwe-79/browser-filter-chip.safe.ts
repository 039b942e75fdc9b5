function renderActiveFilter(container: HTMLElement, label: string): void {
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.textContent = `Filter: ${label}`;
  container.replaceChildren(chip);
}

const filter = new URLSearchParams(window.location.search).get('filter');
const target = document.getElementById('active-filter');
if (filter && target) {
  renderActiveFilter(target, filter);
}
