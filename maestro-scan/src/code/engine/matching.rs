//! What a call's arguments match: the sanitisers that clean a call's result, and the
//! keyword and value conditions of rules (a flag bound once to a literal, a name bound to an
//! expression, keyword arguments and the properties of object-literal arguments).

use super::{Arg, Engine, MAX_DEPTH, Role};
use crate::code::pattern::Pattern;
use crate::code::rules::KeywordValue;
use crate::code::table::{self, named_children};
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    /// The categories the sanitisers matching `path` clean (0 when none matches); `args` are
    /// the call's arguments, for sanitisers that need particular first or second ones.
    pub(super) fn sanitized(&self, path: &str, args: &[Node<'t>]) -> u64 {
        let holds = |values: &[Pattern], at: usize| {
            values.is_empty() || args.get(at).is_some_and(|a| self.value_matches(*a, values))
        };
        let pack = self.pack;
        pack.index
            .sanitizers
            .candidates(path)
            .map(|i| &pack.sanitizers[i])
            .filter(|s| s.calls.iter().any(|p| p.matches(path)))
            .filter(|s| holds(&s.values, 0) && holds(&s.second_values, 1))
            .fold(0, |mask, s| mask | s.cleared)
    }

    pub(super) fn keyword_matches(&self, kv: &KeywordValue, args: &[Arg<'t>]) -> bool {
        self.keyword_nodes(args).iter().any(|(name, node)| {
            name == &kv.name && self.value_matches(*node, std::slice::from_ref(&kv.value))
        })
    }

    /// Keyword arguments, and the properties of object-literal arguments.
    pub(super) fn keyword_nodes(&self, args: &[Arg<'t>]) -> Vec<(String, Node<'t>)> {
        let mut out = Vec::new();
        for a in args {
            let object = match self.table.role(a.node) {
                Some(Role::Container) => Some(a.node),
                Some(Role::Name) => self.objects.get(self.text_of(a.node)).copied(),
                _ => None,
            };
            if let Some(n) = &a.name {
                out.push((n.clone(), a.node));
            } else if let Some(object) = object {
                for c in named_children(object) {
                    // `{ schema }`: a property named after the variable that holds its value.
                    if let Some(Role::Name) = self.table.role(c) {
                        out.push((self.text_of(c).to_owned(), c));
                    }
                    if let Some(Role::Pair { key, value }) = self.table.role(c)
                        && let (Some(k), Some(v)) = (table::child(c, key), table::child(c, value))
                    {
                        out.push((self.key_text(k), v));
                    }
                }
            }
        }
        out
    }

    /// Whether a value node's path, text or string content matches one of `patterns`.
    pub(super) fn value_matches(&self, node: Node<'t>, patterns: &[Pattern]) -> bool {
        if matches!(self.table.role(node), Some(Role::Name))
            && let Some(truth) = self.constants.get(self.text_of(node))
        {
            // A flag bound once to a literal: compare the literal.
            let literals: &[&str] = if *truth {
                &["True", "true", "1"]
            } else {
                &["False", "false", "0"]
            };
            return literals
                .iter()
                .any(|l| patterns.iter().any(|p| p.matches(l)));
        }
        if matches!(
            self.table.role(node),
            Some(Role::Name | Role::Member { .. })
        ) && let Some(bound) = self.raw_path(node, 0).and_then(|k| self.bound.get(&k))
            && *bound != node
            && self.depth < MAX_DEPTH
            && !matches!(self.table.role(*bound), Some(Role::Name))
            && self.value_matches(*bound, patterns)
        {
            return true;
        }
        let text = self.text_of(node).trim();
        let content = text.trim_matches(|c| c == '"' || c == '\'' || c == '`');
        let path = self.path(node);
        patterns.iter().any(|p| {
            p.matches(text)
                || p.matches(content)
                || p.matches_text(text)
                || p.matches_text(content)
                || path
                    .as_deref()
                    .is_some_and(|x| p.matches(x) || p.matches_text(x))
        })
    }
}
