function findQuestion(title: string): HTMLElement | null {
  const headings = document.querySelectorAll<HTMLElement>('section#faq h3');
  return Array.from(headings).find((h) => h.textContent === title) ?? null;
}

const wanted = decodeURIComponent(window.location.hash.slice(1));
findQuestion(wanted)?.scrollIntoView({ behavior: 'smooth' });
