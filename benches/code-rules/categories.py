"""The 14 categories of the code-rule benchmark and which reported CWEs count as each.

Shared by extract.py (labels of the public sets) and score (findings of the tools). A CWE counts
as a category when it is the category's own CWE, a child of it in the CWE tree, or one the issue
names as equivalent (95 → 94, 327 → 328, 1004 → 614). Nothing else is mapped: a tool that reports
an unrelated CWE (Bandit's CWE-20 for yaml.load or for the XML parsers) gets no credit for it.
"""

CATEGORIES = {
    89: "SQL injection",
    78: "OS command injection",
    94: "code injection",
    22: "path traversal",
    601: "open redirect",
    79: "XSS",
    90: "LDAP injection",
    643: "XPath injection",
    611: "XXE",
    502: "deserialisation",
    330: "weak randomness",
    328: "weak hash",
    614: "insecure cookie",
    501: "trust boundary",
}

CWE_TO_CATEGORY = {cwe: cwe for cwe in CATEGORIES} | {
    # the equivalences
    95: 94,
    327: 328,
    1004: 614,
    # children in the CWE tree (research view) of a category's CWE
    564: 89,  # SQL injection: Hibernate
    77: 78,  # command injection (parent of 78, used for the same flaw)
    88: 78,  # argument injection
    80: 79,  # basic XSS
    83: 79,  # XSS in attributes
    87: 79,  # XSS: alternate syntax
    23: 22,  # relative path traversal
    36: 22,  # absolute path traversal
    776: 611,  # XML entity expansion (the same parsers, the same fix)
    338: 330,  # weak PRNG
    916: 328,  # password hash with too little effort
}

# Bandit test id -> category, for the second view of Bandit's figures (by what the test checks,
# not by the CWE it reports). Tests outside the 14 categories are absent.
BANDIT_TEST_TO_CATEGORY = {
    "B608": 89,
    "B610": 89,
    "B611": 89,
    "B601": 78,
    "B602": 78,
    "B603": 78,
    "B604": 78,
    "B605": 78,
    "B606": 78,
    "B607": 78,
    "B609": 78,
    "B102": 94,
    "B307": 94,
    "B202": 22,
    "B301": 502,
    "B302": 502,
    "B403": 502,
    "B506": 502,
    "B614": 502,
    "B313": 611,
    "B314": 611,
    "B315": 611,
    "B316": 611,
    "B317": 611,
    "B318": 611,
    "B319": 611,
    "B320": 611,
    "B405": 611,
    "B406": 611,
    "B407": 611,
    "B408": 611,
    "B409": 611,
    "B410": 611,
    "B411": 611,
    "B311": 330,
    "B303": 328,
    "B324": 328,
    "B308": 79,
    "B701": 79,
    "B702": 79,
    "B703": 79,
    "B704": 79,
}


def category_of_cwe(value) -> int | None:
    """The category of a CWE given as 89, "89", "CWE-89" or {"id": 89}; None when it is none."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, str):
        value = value.upper().removeprefix("CWE-").strip()
        if not value.isdigit():
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return CWE_TO_CATEGORY.get(value)
