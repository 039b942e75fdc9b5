//! How imports bind names, per language: `import hashlib as h` makes `h.md5` mean
//! `hashlib.md5`; `const {exec} = require('child_process')` makes `exec` mean
//! `child_process.exec`.

use std::collections::HashMap;

use tree_sitter::Node;

use super::table::{ImportStyle, named_children};

fn text<'t>(node: Node<'_>, source: &'t [u8]) -> &'t str {
    std::str::from_utf8(&source[node.byte_range()]).unwrap_or("")
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches(|c| c == '"' || c == '\'' || c == '`')
}

/// A module name as rules write it (`node:fs` is `fs`).
fn module_name(s: &str) -> String {
    unquote(s).trim_start_matches("node:").to_owned()
}

/// Bind the names an import statement introduces.
pub(crate) fn bind(
    style: ImportStyle,
    node: Node<'_>,
    source: &[u8],
    aliases: &mut HashMap<String, String>,
) {
    match style {
        ImportStyle::Python => python(node, source, aliases),
        ImportStyle::JavaScript => javascript(node, source, aliases),
        ImportStyle::Go => go(node, source, aliases),
        ImportStyle::Qualified => qualified(node, source, aliases),
        ImportStyle::None => {}
    }
}

fn python(node: Node<'_>, source: &[u8], aliases: &mut HashMap<String, String>) {
    let module = node
        .child_by_field_name("module_name")
        .map(|m| text(m, source).to_owned());
    let mut cursor = node.walk();
    for name in node.children_by_field_name("name", &mut cursor) {
        let (full, alias) = if name.kind() == "aliased_import" {
            let Some(n) = name.child_by_field_name("name") else {
                continue;
            };
            let Some(a) = name.child_by_field_name("alias") else {
                continue;
            };
            (text(n, source).to_owned(), text(a, source).to_owned())
        } else {
            let full = text(name, source).to_owned();
            let alias = if module.is_some() {
                full.rsplit('.').next().unwrap_or(&full).to_owned()
            } else {
                full.split('.').next().unwrap_or(&full).to_owned()
            };
            (full, alias)
        };
        let full = match &module {
            Some(m) if m.chars().all(|c| c == '.') => format!("{m}{full}"),
            Some(m) => format!("{m}.{full}"),
            None if full.contains('.') && !alias.contains('.') && alias != full => {
                // `import os.path` binds `os`.
                alias.clone()
            }
            None => full,
        };
        aliases.insert(alias, full);
    }
}

fn javascript(node: Node<'_>, source: &[u8], aliases: &mut HashMap<String, String>) {
    let Some(module) = node.child_by_field_name("source") else {
        return;
    };
    let module = module_name(text(module, source));
    for clause in named_children(node) {
        if clause.kind() != "import_clause" {
            continue;
        }
        for part in named_children(clause) {
            match part.kind() {
                "identifier" => {
                    aliases.insert(text(part, source).to_owned(), module.clone());
                }
                "namespace_import" => {
                    if let Some(id) = named_children(part).last() {
                        aliases.insert(text(id, source).to_owned(), module.clone());
                    }
                }
                "named_imports" => {
                    for spec in named_children(part) {
                        let Some(name) = spec.child_by_field_name("name") else {
                            continue;
                        };
                        let alias = spec.child_by_field_name("alias").unwrap_or(name);
                        aliases.insert(
                            text(alias, source).to_owned(),
                            format!("{module}.{}", unquote(text(name, source))),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

fn go(node: Node<'_>, source: &[u8], aliases: &mut HashMap<String, String>) {
    let Some(path) = node.child_by_field_name("path") else {
        return;
    };
    let path = unquote(text(path, source)).to_owned();
    let alias = node.child_by_field_name("name").map_or_else(
        || path.rsplit('/').next().unwrap_or(&path).to_owned(),
        |n| text(n, source).to_owned(),
    );
    if alias != "_" && alias != "." {
        aliases.insert(alias, path);
    }
}

fn qualified(node: Node<'_>, source: &[u8], aliases: &mut HashMap<String, String>) {
    let raw = text(node, source);
    let body = raw
        .trim()
        .trim_start_matches("import")
        .trim_start_matches("use")
        .trim()
        .trim_start_matches("static ")
        .trim_start_matches("function ")
        .trim_start_matches("const ")
        .trim_end_matches(';')
        .trim();
    let (path, alias) = match body.split_once(" as ") {
        Some((p, a)) => (p.trim(), Some(a.trim())),
        None => (body, None),
    };
    let path = path
        .trim_start_matches('\\')
        .replace("::", ".")
        .replace('\\', ".");
    if path.contains('{') || path.ends_with('*') {
        // `use a::{b, c}`: each item.
        if let Some((prefix, list)) = path.split_once('{') {
            for item in list.trim_end_matches('}').split(',') {
                let item = item.trim();
                if item.is_empty() || item == "self" {
                    continue;
                }
                let (name, alias) = match item.split_once(" as ") {
                    Some((n, a)) => (n.trim(), a.trim()),
                    None => (item, item.rsplit('.').next().unwrap_or(item)),
                };
                aliases.insert(alias.to_owned(), format!("{prefix}{name}"));
            }
        }
        return;
    }
    let alias = alias.map_or_else(
        || path.rsplit('.').next().unwrap_or(&path).to_owned(),
        str::to_owned,
    );
    aliases.insert(alias, path);
}

/// `require('m')` (or `require('m').x`) as a declaration's value: bind its names.
pub(crate) fn bind_require(
    name: Node<'_>,
    value: Node<'_>,
    source: &[u8],
    aliases: &mut HashMap<String, String>,
) {
    let Some(module) = required_module_of_value(value, source) else {
        return;
    };
    match name.kind() {
        "identifier" => {
            aliases.insert(text(name, source).to_owned(), module);
        }
        "object_pattern" => {
            for part in named_children(name) {
                match part.kind() {
                    "shorthand_property_identifier_pattern" => {
                        let n = text(part, source);
                        aliases.insert(n.to_owned(), format!("{module}.{n}"));
                    }
                    "pair_pattern" => {
                        if let (Some(k), Some(v)) = (
                            part.child_by_field_name("key"),
                            part.child_by_field_name("value"),
                        ) {
                            aliases.insert(
                                text(v, source).to_owned(),
                                format!("{module}.{}", unquote(text(k, source))),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// The module of `require('m')`, `require('m').x` (as `m.x`) or `await import('m')`.
pub(crate) fn required_module_of_value(value: Node<'_>, source: &[u8]) -> Option<String> {
    match value.kind() {
        "call_expression" => required_module(
            text(value.child_by_field_name("function")?, source),
            value.child_by_field_name("arguments"),
            source,
        ),
        "member_expression" => {
            let object = required_module_of_value(value.child_by_field_name("object")?, source)?;
            let property = text(value.child_by_field_name("property")?, source);
            Some(format!("{object}.{property}"))
        }
        _ => None,
    }
}

/// The module of a call `require('m')`, given its callee text and argument list.
pub(crate) fn required_module(
    callee: &str,
    arguments: Option<Node<'_>>,
    source: &[u8],
) -> Option<String> {
    if callee != "require" {
        return None;
    }
    let first = named_children(arguments?).next()?;
    if first.kind() != "string" {
        return None;
    }
    Some(module_name(text(first, source)))
}
