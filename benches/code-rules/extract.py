#!/usr/bin/env python3
"""Turns the tests of three public packages into one tree of labelled code cases.

Run by scripts/install-public-cases (Python 3.11 standard library only; node for the ESLint
tests). Nothing here runs the packages' code: Python tests are read as syntax trees, the ESLint
tests are loaded with a recording stand-in for RuleTester (eslint-cases.js).

Output, under --out:
  <set>/<language>/cwe-<N>/<slug>.vulnerable.<ext> and <slug>.safe.<ext>   (file cases)
  <set>/<language>/<name>.<ext>                                           (line-labelled files)
  manifest.json: {"sets": [...], "cases": [{set, language, category, label, path, unit, lines}]}
where unit is "file" (the whole file is one case) or "line" (one labelled line of a file), and
lines are the 1-based lines the set marks as the flaw (empty when it marks none).
README.md beside this file says where each set's labels come from.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import itertools
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written beside the sources
from categories import category_of_cwe  # noqa: E402

HERE = Path(__file__).resolve().parent

SETS = {
    "codemodder": {
        "version": "6.5.5",
        "registry": "PyPI sdist",
        "licence": "AGPL-3.0",
        "line_labels": True,
        "labels": "tests/codemods/**/test_*.py: each run_and_assert(input, expected) whose expected "
        "differs from its input is a pair; input = vulnerable, the codemod's fix = safe; the "
        "lines the fix changes are the labelled lines",
    },
    "codeshield": {
        "version": "1.0.1",
        "registry": "PyPI sdist",
        "licence": "MIT",
        "line_labels": True,
        "labels": "insecure_code_detector/rules/semgrep/**: Semgrep test annotations "
        "(ruleid/todoruleid = vulnerable line, ok/todook = safe line), CWE from the rule's "
        "cwe_id",
    },
    "eslint-plugin-security": {
        "version": "4.1.0",
        "registry": "npm",
        "licence": "Apache-2.0",
        "line_labels": False,
        "labels": "test/rules/*.js: RuleTester invalid = vulnerable, valid = safe",
    },
}

# codemodder: the codemods whose tests are cases of a category, by a part of the test file's name.
# Codemods outside the 14 categories (url sandbox, JWT, TLS verify, mktemp, …) are left out.
CODEMOD_CATEGORIES = (
    ("sql_parameterization", 89),
    ("sql_parametrization", 89),
    ("subprocess_shell_false", 78),
    ("process_creation_sandbox", 78),
    ("sandbox_process_creation", 78),
    ("harden_pyyaml", 502),
    ("harden_ruamel", 502),
    ("harden_pickle_load", 502),
    ("avoid_insecure_deserialization", 502),
    ("use_defused_xml", 611),
    ("lxml_safe_parsing", 611),
    ("lxml_safe_parameter_defaults", 611),
    ("secure_random", 330),
    ("secure_flask_cookie", 614),
    ("sonar_secure_cookie", 614),
    ("django_session_cookie_secure_off", 614),
    ("secure_flask_session_config", 614),
    ("django_secure_set_cookie", 614),
    ("enable_jinja2_autoescape", 79),
    ("replace_flask_send_file", 22),
)

# eslint-plugin-security: rule -> category; the plugin's other rules are outside the 14.
ESLINT_CATEGORIES = {
    "detect-child-process": 78,
    "detect-eval-with-expression": 94,
    "detect-non-literal-fs-filename": 22,
    "detect-pseudoRandomBytes": 330,
    "detect-disable-mustache-escape": 79,
}

LANGUAGE_OF_DIRECTORY = {
    "python": ("python", "py"),
    "javascript": ("javascript", "js"),
    "php": ("php", "php"),
    "java": ("java", "java"),
    "csharp": ("csharp", "cs"),
    "ruby": ("ruby", "rb"),
    "rust": ("rust", "rs"),
    "go": ("go", "go"),
}


class Writer:
    """Writes case files and collects the manifest."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.cases: list[dict] = []
        self.slugs: set[str] = set()

    def pair(self, set_name, language, ext, category, slug, vulnerable, safe, lines):
        directory = self.out / set_name / language / f"cwe-{category}"
        directory.mkdir(parents=True, exist_ok=True)
        base = slug
        for n in itertools.count(2):
            if f"{directory}/{base}" not in self.slugs:
                break
            base = f"{slug}-{n}"
        self.slugs.add(f"{directory}/{base}")
        for label, text, marked in (("vulnerable", vulnerable, lines), ("safe", safe, [])):
            path = directory / f"{base}.{label}.{ext}"
            path.write_text(text, encoding="utf-8")
            self.cases.append(
                {
                    "set": set_name,
                    "language": language,
                    "category": category,
                    "label": label,
                    "path": str(path.relative_to(self.out)),
                    "unit": "file",
                    "lines": sorted(set(marked)),
                }
            )

    def single(self, set_name, language, ext, category, slug, label, text, lines):
        directory = self.out / set_name / language / f"cwe-{category}"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{slug}.{label}.{ext}"
        path.write_text(text, encoding="utf-8")
        self.cases.append(
            {
                "set": set_name,
                "language": language,
                "category": category,
                "label": label,
                "path": str(path.relative_to(self.out)),
                "unit": "file",
                "lines": sorted(set(lines)),
            }
        )

    def line_case(self, set_name, language, category, path: Path, label, line):
        self.cases.append(
            {
                "set": set_name,
                "language": language,
                "category": category,
                "label": label,
                "path": str(path.relative_to(self.out)),
                "unit": "line",
                "lines": [line],
            }
        )


# ---------------------------------------------------------------------------------------------
# codemodder: before/after pairs read from the tests' syntax trees


class Unknown(Exception):
    """A value the small evaluator below cannot work out statically."""


def evaluate(node: ast.AST, env: dict):
    """The value of a literal-like expression: constants, containers, f-strings, names bound to
    such values, string concatenation and textwrap.dedent."""
    match node:
        case ast.Constant(value=value):
            return value
        case ast.Name(id=name):
            if name in env:
                return env[name]
            raise Unknown(name)
        case ast.JoinedStr(values=parts):
            text = []
            for part in parts:
                if isinstance(part, ast.Constant):
                    text.append(part.value)
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None:
                    value = evaluate(part.value, env)
                    text.append(repr(value) if part.conversion == ord("r") else str(value))
                else:
                    raise Unknown("formatted value")
            return "".join(text)
        case ast.BinOp(left=left, op=ast.Add(), right=right):
            return evaluate(left, env) + evaluate(right, env)
        case ast.List(elts=items) | ast.Tuple(elts=items) | ast.Set(elts=items):
            values = [evaluate(item, env) for item in items]
            return tuple(values) if isinstance(node, ast.Tuple) else values
        case ast.Dict(keys=keys, values=values):
            return {evaluate(k, env): evaluate(v, env) for k, v in zip(keys, values, strict=True)}
        case ast.Call(func=func, args=[argument]) if _name(func) in ("dedent", "textwrap.dedent"):
            return textwrap.dedent(evaluate(argument, env))
        case ast.Call(func=func, args=args) if _name(func) == "pytest.param":
            return tuple(evaluate(a, env) for a in args)
    raise Unknown(type(node).__name__)


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def _parametrize(node: ast.AST, env: dict):
    """(argument names, rows) of a pytest.mark.parametrize call, or None."""
    if not (isinstance(node, ast.Call) and _name(node.func).endswith("mark.parametrize")):
        return None
    if len(node.args) < 2:
        return None
    names = evaluate(node.args[0], env)
    names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    rows = evaluate(node.args[1], env)
    table = []
    for row in rows:
        row = tuple(row) if len(names) > 1 else (row,)
        if len(row) != len(names):
            raise Unknown("parametrize row")
        table.append(dict(zip(names, row, strict=True)))
    return table


def _bind(statements, env: dict) -> None:
    """Binds names assigned literal-like values (module or class level)."""
    for statement in statements:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                try:
                    table = _parametrize(statement.value, env)
                    env[target.id] = ("parametrize", table) if table is not None else evaluate(
                        statement.value, env
                    )
                except Unknown:
                    pass


def _calls_in_order(statements, env: dict, found: list) -> None:
    """Walks a test body in source order, binding local strings and recording run_and_assert."""
    for statement in statements:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                try:
                    env[target.id] = evaluate(statement.value, env)
                except Unknown:
                    env.pop(target.id, None)
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and _name(node.func).endswith("run_and_assert"):
                positional = node.args[1:3]
                keywords = {k.arg: k.value for k in node.keywords}
                before = positional[0] if len(positional) > 0 else keywords.get("input_code")
                after = positional[1] if len(positional) > 1 else None
                if after is None:
                    after = keywords.get("expected") or keywords.get("expected_output")
                if before is None or after is None:
                    continue
                try:
                    found.append((evaluate(before, env), evaluate(after, env)))
                except Unknown:
                    pass
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(statement, field, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                if not isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                    _calls_in_order(inner, env, found)


def _test_pairs(path: Path):
    """(test name, input, expected) for every run_and_assert the file's tests make."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_env: dict = {}
    _bind(tree.body, module_env)
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    functions = [(n, module_env) for n in tree.body if isinstance(n, ast.FunctionDef)]
    for cls in classes:
        class_env = dict(module_env)
        _bind(cls.body, class_env)
        functions += [(n, class_env) for n in cls.body if isinstance(n, ast.FunctionDef)]
    for function, env in functions:
        if not function.name.startswith("test"):
            continue
        tables = []
        try:
            for decorator in function.decorator_list:
                bound = env.get(_name(decorator)) if isinstance(decorator, ast.Name) else None
                if isinstance(bound, tuple) and bound and bound[0] == "parametrize":
                    tables.append(bound[1])
                    continue
                table = _parametrize(decorator, env)
                if table is not None:
                    tables.append(table)
        except Unknown:
            continue
        for combination in itertools.product(*tables) if tables else [()]:
            local = dict(env)
            for row in combination:
                local.update(row)
            found: list = []
            _calls_in_order(function.body, local, found)
            for before, after in found:
                if isinstance(before, str) and isinstance(after, str):
                    yield function.name, before, after


def _clean(code: str) -> str:
    code = textwrap.dedent(code)
    return code.lstrip("\n") if code.strip() else code


def _changed_lines(before: str, after: str) -> list[int]:
    """1-based lines of `before` that the fix replaces or deletes (for a pure insertion, the
    line before it)."""
    a, b = before.splitlines(), after.splitlines()
    lines: list[int] = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            lines.extend(range(i1 + 1, i2 + 1))
        elif tag == "insert":
            lines.append(max(i1, 1))
    return lines


def codemodder(source: Path, writer: Writer) -> None:
    tests = source / "tests" / "codemods"
    for path in sorted(tests.rglob("test_*.py")):
        category = next((c for part, c in CODEMOD_CATEGORIES if part in path.stem), None)
        if category is None:
            continue
        seen: set[str] = set()
        stem = path.stem.removeprefix("test_")
        if path.parent != tests:
            stem = f"{path.parent.name}-{stem}"
        for name, before, after in _test_pairs(path):
            before, after = _clean(before), _clean(after)
            if before == after or before in seen:
                continue
            seen.add(before)
            slug = f"{stem}--{name.removeprefix('test_')}"
            writer.pair(
                "codemodder", "python", "py", category, slug, before, after,
                _changed_lines(before, after),
            )


# ---------------------------------------------------------------------------------------------
# codeshield: Semgrep rule tests annotated line by line

ANNOTATION = re.compile(r"^\s*(?:#|//|/\*|\*)\s*(todoruleid|ruleid|todook|ok)\s*:\s*([\w.,\s-]+)")


def _rule_cwes(yaml_text: str) -> dict[str, int]:
    """rule id -> CWE number, read from a Semgrep rule file without a YAML parser: each rule
    starts at `- id:`, and its metadata has `cwe_id: CWE-N` (or a `cwe:` list)."""
    cwes: dict[str, int] = {}
    chunks = re.split(r"^\s*-\s+id:\s*", yaml_text, flags=re.M)[1:]
    for chunk in chunks:
        rule_id = chunk.split("\n", 1)[0].strip().strip("'\"")
        match = re.search(r"cwe_id:\s*['\"]?CWE-(\d+)", chunk) or re.search(r"CWE-(\d+)", chunk)
        if match:
            cwes[rule_id] = int(match.group(1))
    return cwes


def codeshield(source: Path, writer: Writer) -> None:
    rules = source / "insecure_code_detector" / "rules" / "semgrep"
    for path in sorted(rules.rglob("*")):
        if path.suffix in (".yaml", ".json") or not path.is_file():
            continue
        language_directory = path.relative_to(rules).parts[0]
        if language_directory not in LANGUAGE_OF_DIRECTORY:
            continue
        language, _ = LANGUAGE_OF_DIRECTORY[language_directory]
        rule_file = path.with_suffix(".yaml")
        if not rule_file.exists():
            continue
        cwes = _rule_cwes(rule_file.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
        marks = []
        for number, text in enumerate(lines, start=1):
            match = ANNOTATION.match(text)
            if not match:
                continue
            kind, ids = match.groups()
            target = number + 1
            while target <= len(lines) and (
                not lines[target - 1].strip() or ANNOTATION.match(lines[target - 1])
            ):
                target += 1
            label = "vulnerable" if kind in ("ruleid", "todoruleid") else "safe"
            for rule_id in (i.strip() for i in ids.split(",")):
                category = category_of_cwe(cwes.get(rule_id))
                if category is not None and target <= len(lines):
                    marks.append((category, label, target))
        if not marks:
            continue
        copy = writer.out / "codeshield" / language / path.relative_to(rules / language_directory)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        for category, label, line in sorted(set(marks)):
            writer.line_case("codeshield", language, category, copy, label, line)


# ---------------------------------------------------------------------------------------------
# eslint-plugin-security: RuleTester valid/invalid snippets


def eslint_plugin_security(source: Path, writer: Writer) -> None:
    result = subprocess.run(
        ["node", str(HERE / "eslint-cases.js"), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    counters: dict[str, int] = {}
    for case in json.loads(result.stdout):
        category = ESLINT_CATEGORIES.get(case["rule"])
        if category is None or not isinstance(case["code"], str):
            continue
        ext = "ts" if (case.get("filename") or "").endswith(".ts") else "js"
        language = "typescript" if ext == "ts" else "javascript"
        key = f"{case['rule']}-{case['label']}"
        counters[key] = counters.get(key, 0) + 1
        label = "vulnerable" if case["label"] == "invalid" else "safe"
        slug = f"{case['rule']}-{counters[key]:02}"
        writer.single(
            "eslint-plugin-security", language, ext, category, slug, label,
            _clean(case["code"]) + "\n", case["lines"],
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sources", type=Path, required=True, help="unpacked packages")
    parser.add_argument("--out", type=Path, required=True, help="where the case tree goes")
    parser.add_argument("--summary", action="store_true", help="print case counts on stderr")
    args = parser.parse_args()
    writer = Writer(args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    codemodder(args.sources / f"codemodder-{SETS['codemodder']['version']}", writer)
    codeshield(args.sources / f"codeshield-{SETS['codeshield']['version']}", writer)
    eslint_plugin_security(
        args.sources / f"eslint-plugin-security-{SETS['eslint-plugin-security']['version']}",
        writer,
    )
    manifest = {
        "sets": [{"name": name} | info for name, info in SETS.items()],
        "cases": writer.cases,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    if not args.summary:
        return 0
    summary: dict[tuple, int] = {}
    for case in writer.cases:
        key = (case["set"], case["language"], case["category"], case["label"])
        summary[key] = summary.get(key, 0) + 1
    for key, count in sorted(summary.items()):
        print(*key, count, sep="\t", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
