function findTerm(term) {
  const snapshot = document.evaluate(
    "//dl[@id='glossary']/dt[normalize-space(.)='" + term + "']",
    document,
    null,
    XPathResult.ORDERED_NODE_SNAPSHOT_TYPE,
    null
  );
  return snapshot.snapshotLength ? snapshot.snapshotItem(0) : null;
}

const wanted = decodeURIComponent(window.location.hash.slice(1));
const dt = wanted && findTerm(wanted);
if (dt) dt.scrollIntoView();
