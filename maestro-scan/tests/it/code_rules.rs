//! Syntax-tree code rules: findings come from code, never from text inside string literals or
//! comments; tainted flows carry their source and steps; user regex code rules keep working
//! outside strings and comments.

use maestro_scan::{Kinds, RuleSet, ScanOptions, Scanner};

fn code_scanner(rules: RuleSet) -> Scanner {
    Scanner::new(
        rules,
        ScanOptions {
            kinds: Kinds::Code,
            ..ScanOptions::default()
        },
    )
}

fn ids(scanner: &Scanner, path: &str, text: &str) -> Vec<(String, usize)> {
    scanner
        .scan_text(Some(path), text.as_bytes())
        .findings
        .into_iter()
        .map(|f| (f.rule_id, f.line))
        .collect()
}

#[test]
fn nothing_is_found_inside_strings_or_comments() {
    let scanner = code_scanner(RuleSet::builtin().clone());
    let python = r#"
import os, sys, hashlib
# os.system("rm -rf " + sys.argv[1])
doc = "eval(input()) and os.system(sys.argv[1]) and hashlib.md5(password)"
'''
cursor.execute("SELECT * FROM t WHERE id = " + sys.argv[1])
'''
def f():
    """subprocess.run(sys.argv[1], shell=True)"""
    return "requests.get(url, verify=False)"
"#;
    assert_eq!(ids(&scanner, "doc.py", python), []);
    let javascript = r"
// eval(req.query.code)
const help = 'document.body.innerHTML = location.hash; exec(req.query.cmd)';
/* child_process.exec(req.body.cmd) */
const t = `eval(${1})`;
";
    assert_eq!(ids(&scanner, "doc.js", javascript), []);
}

#[test]
fn the_same_code_outside_strings_is_found() {
    let scanner = code_scanner(RuleSet::builtin().clone());
    let python = "import os, sys\nos.system(\"rm -rf \" + sys.argv[1])\n";
    assert_eq!(
        ids(&scanner, "run.py", python),
        [("python-command-injection".to_owned(), 2)]
    );
}

#[test]
fn a_flow_names_its_source_steps_and_sink() {
    let scanner = code_scanner(RuleSet::builtin().clone());
    let text = "\
from flask import request
import sqlite3

def find():
    name = request.args.get('name')
    query = \"SELECT * FROM users WHERE name = '%s'\" % name
    conn = sqlite3.connect('app.db')
    return conn.execute(query).fetchall()
";
    let report = scanner.scan_text(Some("app.py"), text.as_bytes());
    assert_eq!(report.findings.len(), 1, "{report:?}");
    let f = &report.findings[0];
    assert_eq!(
        (f.rule_id.as_str(), f.cwe, f.line),
        ("python-sql-injection", 89, 8)
    );
    let lines: Vec<usize> = f.flow.iter().map(|s| s.line).collect();
    assert_eq!(lines, [5, 5, 6, 8]);
    assert_eq!(f.flow[0].message, "Flask request data");
    assert!(
        f.description.contains("(line 5) reaches") && f.description.ends_with("(line 8)"),
        "{}",
        f.description
    );
    let json = maestro_scan::output::json_value(&report);
    assert_eq!(json["findings"][0]["flow"][0]["line"], 5);
}

#[test]
fn taint_follows_the_files_own_functions() {
    let scanner = code_scanner(RuleSet::builtin().clone());
    let text = "\
import os, sys

def build(name):
    return 'tar czf /tmp/out.tgz ' + name

def run(command):
    os.system(command)

run(build(sys.argv[1]))
run(build('fixed'))
";
    assert_eq!(
        ids(&scanner, "job.py", text),
        [("python-command-injection".to_owned(), 7)]
    );
}

#[test]
fn user_regex_code_rules_skip_strings_and_comments() {
    let user = RuleSet::from_toml_str(
        r#"
[[rule]]
id = "no-debug-call"
kind = "code"
description = "debug() left in"
keywords = ["debug("]
pattern = '\bdebug\('
cwe = 489
severity = "low"
languages = ["python"]
fix = "Remove it."
"#,
        "user.toml",
    )
    .expect("valid user rules");
    let scanner = code_scanner(RuleSet::builtin().clone().merge(user));
    let text = "debug(1)\n# debug(2)\nx = 'debug(3)'\n";
    assert_eq!(
        ids(&scanner, "a.py", text),
        [("no-debug-call".to_owned(), 1)]
    );
}
