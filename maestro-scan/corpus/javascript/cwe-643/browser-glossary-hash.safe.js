function findTerm(term) {
  const terms = document.querySelectorAll('#glossary > dt');
  return Array.from(terms).find((dt) => dt.textContent.trim() === term) || null;
}

const wanted = decodeURIComponent(window.location.hash.slice(1));
const dt = wanted && findTerm(wanted);
if (dt) dt.scrollIntoView();
