function highlightMember(name) {
  if (!/^[\p{L} .'-]{1,64}$/u.test(name)) return;
  const result = document.evaluate(
    `//table[@id="members"]//tr[td[@class="name"]="${name}"]`,
    document,
    null,
    XPathResult.FIRST_ORDERED_NODE_TYPE,
    null
  );
  const row = result.singleNodeValue;
  if (row) row.classList.add('highlight');
}

const member = new URLSearchParams(window.location.search).get('member');
if (member) highlightMember(member);
