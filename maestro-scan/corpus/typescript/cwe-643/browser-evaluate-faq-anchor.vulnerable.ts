function findQuestion(title: string): HTMLElement | null {
  const result = document.evaluate(
    `//section[@id='faq']//h3[text()='${title}']`,
    document,
    null,
    XPathResult.FIRST_ORDERED_NODE_TYPE,
    null,
  );
  return result.singleNodeValue as HTMLElement | null;
}

const wanted = decodeURIComponent(window.location.hash.slice(1));
findQuestion(wanted)?.scrollIntoView({ behavior: 'smooth' });
