//! Text and names: a node's text and short label, the dotted path of a name, member chain or
//! call with imports resolved, and the key a target is bound under in a frame's environment.

use tree_sitter::Node;

use super::Engine;
use crate::code::imports;
use crate::code::table::{self, Role, named_children};

impl<'t> Engine<'t, '_> {
    pub(super) fn text_of(&self, node: Node<'_>) -> &'t str {
        std::str::from_utf8(&self.text[node.byte_range()]).unwrap_or("")
    }

    pub(super) fn resolve(&self, name: &str) -> String {
        let (head, rest) = name.split_once('.').unwrap_or((name, ""));
        match self.aliases.get(head) {
            Some(full) if rest.is_empty() => full.clone(),
            Some(full) => format!("{full}.{rest}"),
            None => name.to_owned(),
        }
    }

    /// The dotted path of a name, member chain or call, imports resolved.
    pub(super) fn path(&self, node: Node<'t>) -> Option<String> {
        self.raw_path(node, 0).map(|p| self.resolve(&p))
    }

    pub(super) fn raw_path(&self, node: Node<'t>, depth: usize) -> Option<String> {
        if depth > 12 {
            return None;
        }
        let sub = |n: Option<Node<'t>>| -> String {
            n.and_then(|n| self.raw_path(n, depth + 1))
                .unwrap_or_else(|| "?".to_owned())
        };
        match self.table.role(node) {
            Some(Role::Name) => Some(self.text_of(node).to_owned()),
            Some(Role::ScopedName) => Some(
                self.text_of(node)
                    .trim_start_matches('\\')
                    .replace("::", ".")
                    .replace('\\', "."),
            ),
            Some(Role::Member { object, property }) => {
                let property = table::child(node, property)?;
                Some(format!(
                    "{}.{}",
                    sub(table::child(node, object)),
                    self.text_of(property)
                ))
            }
            Some(Role::Call { callee, arguments }) => {
                let callee = table::child(node, callee)?;
                if let Some(module) = imports::required_module(
                    self.text_of(callee),
                    table::child(node, arguments),
                    self.text,
                ) {
                    return Some(module);
                }
                Some(format!("{}()", sub(Some(callee))))
            }
            Some(Role::MethodCall {
                receiver, method, ..
            }) => {
                let method = self.text_of(table::child(node, method)?);
                Some(match table::child(node, receiver) {
                    Some(r) => format!("{}.{method}()", sub(Some(r))),
                    None => format!("{method}()"),
                })
            }
            Some(Role::New { class, .. }) => Some(format!("{}()", sub(table::child(node, class)))),
            Some(Role::Index { object, .. }) => {
                Some(format!("{}[]", sub(table::child(node, object))))
            }
            None => {
                let mut children = named_children(node);
                let only = children.next()?;
                if children.next().is_some() {
                    return None;
                }
                self.raw_path(only, depth + 1)
            }
            _ => None,
        }
    }

    /// The key a target is bound under (`x`, `self.x`), when it has one.
    pub(super) fn key(&self, node: Node<'t>) -> Option<String> {
        match self.table.role(node) {
            Some(Role::Name | Role::Member { .. }) => self.raw_path(node, 0),
            Some(Role::Binary { left, .. })
                if matches!(
                    self.operator(node).as_deref(),
                    Some("||" | "??" | "or" | "&&" | "and")
                ) =>
            {
                table::child(node, left).and_then(|l| self.key(l))
            }
            None => {
                let mut children = named_children(node);
                let only = children.next()?;
                if children.next().is_some() {
                    return None;
                }
                self.key(only)
            }
            _ => None,
        }
    }

    pub(super) fn label(&self, node: Node<'t>) -> String {
        let text = self.text_of(node);
        let line = text.lines().next().unwrap_or("").trim();
        if line.chars().count() > 48 {
            let short: String = line.chars().take(47).collect();
            format!("{short}…")
        } else {
            line.to_owned()
        }
    }

    /// A key's text without quotes.
    pub(super) fn key_text(&self, node: Node<'t>) -> String {
        self.text_of(node)
            .trim_matches(|c| c == '"' || c == '\'' || c == ':' || c == '`')
            .to_owned()
    }
}
