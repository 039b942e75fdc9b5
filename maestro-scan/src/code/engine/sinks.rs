//! Sink checks: whether a rule on a call applies (its argument-count, keyword, value and
//! purpose conditions) and whether a flow of its class reaches the arguments it guards, and
//! [`names_match`], which tells whether an identifier names one of a rule's purposes.

use super::{Arg, CallSite, Engine, Frame, Role, reaching};
use crate::code::rules::{ArgValues, CodeRule};
use crate::code::table;
use crate::code::taint::{Taint, Value};
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    /// `doc.elements["//item[@sku='#{sku}']"]`: a lookup is a call of `[]` on its object (the
    /// path `doc.elements[]`), and a rule naming that path checks the index as its argument.
    pub(super) fn check_index(
        &mut self,
        node: Node<'t>,
        object: Option<Node<'t>>,
        at: Node<'t>,
        (obj, index): (&Value, &Value),
        f: &mut Frame,
    ) {
        let Some(path) = self.path(node) else {
            return;
        };
        if !path.ends_with("[]") {
            return;
        }
        let site = CallSite {
            node,
            callee: None,
            receiver: object,
            path: Some(path.clone()),
            method: Some("[]".to_owned()),
            args: vec![at],
            input: Vec::new(),
        };
        let args = [Arg {
            name: None,
            node: at,
            value: index.clone(),
        }];
        let pack = self.pack;
        for i in pack.index.rule_calls.candidates(&path) {
            let rule = &pack.rules[i];
            if !rule.calls.is_empty() && rule.calls.iter().any(|p| p.matches(&path)) {
                self.check_call(i, rule, &site, (obj, &Value::default()), &args, f);
            }
        }
    }

    pub(super) fn check_call(
        &mut self,
        index: usize,
        rule: &CodeRule,
        site: &CallSite<'t>,
        (receiver, stdin): (&Value, &Value),
        args: &[Arg<'t>],
        f: &mut Frame,
    ) {
        let positional: Vec<&Arg<'t>> = args.iter().filter(|a| a.name.is_none()).collect();
        let line = self.command_line(rule, &positional);
        if rule
            .unless_args_at_least
            .is_some_and(|n| positional.len() >= n)
        {
            return;
        }
        if !rule.when_keywords.is_empty()
            && !rule
                .when_keywords
                .iter()
                .any(|kv| self.keyword_matches(kv, args))
        {
            return;
        }
        if rule
            .unless_keywords
            .iter()
            .any(|kv| self.keyword_matches(kv, args))
        {
            return;
        }
        if !rule.missing_keywords.is_empty()
            && rule
                .missing_keywords
                .iter()
                .all(|kv| self.keyword_matches(kv, args))
        {
            return;
        }
        let arg_of = |cond: &ArgValues| -> Option<&Arg<'t>> {
            match &cond.flag {
                Some(flag) => after_flag(&self.arg_texts(&positional), flag),
                None => positional.get(cond.index).copied(),
            }
        };
        if let Some(cond) = &rule.when_arg
            && !arg_of(cond).is_some_and(|a| self.value_matches(a.node, &cond.values))
        {
            return;
        }
        if let Some(cond) = &rule.unless_arg
            && arg_of(cond).is_some_and(|a| self.value_matches(a.node, &cond.values))
        {
            return;
        }
        if !rule.when_any_arg.is_empty()
            && !positional
                .iter()
                .any(|a| self.arg_matches(a.node, &rule.when_any_arg))
        {
            return;
        }
        if positional
            .iter()
            .any(|a| self.arg_matches(a.node, &rule.unless_any_arg))
        {
            return;
        }
        if !rule.when_receiver.is_empty()
            && !site
                .receiver
                .is_some_and(|r| self.value_matches(r, &rule.when_receiver))
        {
            return;
        }
        if !rule.purpose.is_empty() && !self.has_purpose(&rule.purpose, site, f) {
            return;
        }
        let Some(class) = rule.class else {
            // A flag that makes the call insecure is where the finding is.
            let at = rule
                .when_keywords
                .first()
                .and_then(|kv| {
                    self.keyword_nodes(args).into_iter().find(|(name, node)| {
                        name == &kv.name
                            && self.value_matches(*node, std::slice::from_ref(&kv.value))
                    })
                })
                .map_or(site.node, |(_, node)| {
                    node.parent()
                        .filter(|p| {
                            matches!(
                                self.table.role(*p),
                                Some(Role::KeywordArgument { .. } | Role::Pair { .. })
                            )
                        })
                        .unwrap_or(node)
                });
            self.report(index, at, None, f);
            return;
        };
        let mut checked: Vec<&Taint> = Vec::new();
        let command_line = !rule.flag_args.is_empty()
            || !rule.operands.is_empty()
            || rule.operands_from.is_some()
            || rule.stdin;
        if command_line {
            checked.extend(line.flag_values.iter().map(|&i| &positional[i].value.taint));
            for (n, &i) in line.operands.iter().enumerate() {
                if rule.operands.contains(&n) || rule.operands_from.is_some_and(|from| n >= from) {
                    checked.push(&positional[i].value.taint);
                }
            }
            if rule.stdin {
                checked.push(&stdin.taint);
            }
            if rule.receiver {
                checked.push(&receiver.taint);
            }
        } else if rule.args.is_empty() && rule.keywords.is_empty() && !rule.receiver {
            checked.extend(args.iter().map(|a| &a.value.taint));
        } else {
            for i in &rule.args {
                if let Some(a) = positional.get(*i) {
                    checked.push(&a.value.taint);
                }
            }
            for k in &rule.keywords {
                if let Some(a) = args.iter().find(|a| a.name.as_deref() == Some(k.as_str())) {
                    checked.push(&a.value.taint);
                }
            }
            if rule.receiver {
                checked.push(&receiver.taint);
            }
        }
        let found = checked
            .iter()
            .find_map(|t| reaching(rule, class, t))
            .cloned();
        if let Some(flow) = found {
            self.sink_flow(index, site.node, &flow, f);
        }
    }

    /// The arguments of a call with their text as written, quotes removed.
    fn arg_texts<'a>(&self, args: &[&'a Arg<'t>]) -> Vec<(String, &'a Arg<'t>)> {
        args.iter()
            .map(|a| {
                let text = self.text_of(a.node).trim();
                let text = text
                    .strip_prefix(['"', '\''])
                    .and_then(|t| t.strip_suffix(['"', '\'']))
                    .unwrap_or(text);
                (text.to_owned(), *a)
            })
            .collect()
    }

    /// Split a command's arguments as a rule reads them: the value after one of its
    /// `flag_args` (or `--flag=value`), the options (skipping the values of its
    /// `option_values`), and the operands; `--` ends the options.
    pub(super) fn command_line(&self, rule: &CodeRule, args: &[&Arg<'t>]) -> CommandLine {
        let mut line = CommandLine::default();
        if rule.flag_args.is_empty()
            && rule.operands.is_empty()
            && rule.operands_from.is_none()
            && rule.when_arg.as_ref().is_none_or(|c| c.flag.is_none())
            && rule.unless_arg.as_ref().is_none_or(|c| c.flag.is_none())
        {
            return line;
        }
        let texts = self.arg_texts(args);
        let mut options = true;
        let mut i = 0;
        while i < texts.len() {
            let text = texts[i].0.as_str();
            if options && text == "--" {
                options = false;
            } else if options && text.len() > 1 && text.starts_with('-') {
                let (name, attached) = match text.split_once('=') {
                    Some((n, _)) if n.starts_with("--") => (n, true),
                    _ => (text, false),
                };
                if rule.flag_args.iter().any(|p| p.matches_text(name)) {
                    if attached {
                        line.flag_values.push(i);
                    } else if i + 1 < texts.len() {
                        line.flag_values.push(i + 1);
                        i += 1;
                    }
                } else if !attached && rule.option_values.iter().any(|o| o == name) {
                    i += 1;
                }
            } else {
                line.operands.push(i);
            }
            i += 1;
        }
        line
    }

    /// Whether an argument, or an element of the array it expands (`"${flags[@]}"`), matches
    /// one of `patterns`.
    pub(super) fn arg_matches(
        &self,
        node: Node<'t>,
        patterns: &[crate::code::pattern::Pattern],
    ) -> bool {
        if patterns.is_empty() {
            return false;
        }
        if self.value_matches(node, patterns) {
            return true;
        }
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if matches!(self.table.role(n), Some(Role::Name))
                && let Some(bound) = self.bound.get(self.text_of(n))
                && (self.value_matches(*bound, patterns)
                    || table::named_children(*bound).any(|e| self.value_matches(e, patterns)))
            {
                return true;
            }
            stack.extend(table::named_children(n));
        }
        false
    }

    /// Whether a call serves one of `words`' purposes: its arguments, the variable, key or
    /// keyword it is stored in, or its function's name says so.
    pub(super) fn has_purpose(&self, words: &[String], site: &CallSite<'t>, f: &Frame) -> bool {
        let mut context = String::new();
        for a in &site.args {
            context.push_str(self.text_of(*a));
            context.push(' ');
        }
        if let Some(r) = site.receiver {
            context.push_str(self.text_of(r));
            context.push(' ');
        }
        let mut node = site.node;
        while let Some(parent) = node.parent() {
            match self.table.role(parent) {
                // A chained call's arguments: createHash('md5').update(password).
                Some(Role::Call { .. } | Role::MethodCall { .. }) => {
                    if let Some(outer) = self.call_site(parent) {
                        for a in &outer.args {
                            context.push_str(self.text_of(*a));
                            context.push(' ');
                        }
                    }
                }
                Some(Role::Assign { left, .. }) => {
                    for t in table::children(parent, left) {
                        context.push_str(self.text_of(t));
                    }
                    break;
                }
                Some(Role::Declare { name, .. }) => {
                    for t in table::children(parent, name) {
                        context.push_str(self.text_of(t));
                    }
                    break;
                }
                Some(Role::Pair { key, .. }) => {
                    if let Some(k) = table::child(parent, key) {
                        context.push_str(self.text_of(k));
                    }
                    break;
                }
                Some(Role::KeywordArgument { name, .. }) => {
                    if let Some(k) = table::child(parent, name) {
                        context.push_str(self.text_of(k));
                    }
                    break;
                }
                // The other commands of a pipeline: `printf '%s' "$password" | md5sum`.
                Some(Role::Pipeline) => {
                    for c in table::named_children(parent) {
                        if c != node {
                            context.push_str(self.text_of(c));
                            context.push(' ');
                        }
                    }
                }
                Some(Role::Function { .. } | Role::Class | Role::If { .. } | Role::For { .. }) => {
                    break;
                }
                _ => {}
            }
            node = parent;
        }
        context.push(' ');
        context.push_str(&f.function_name);
        context
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|token| !token.is_empty() && names_match(words, token))
    }

    pub(super) fn check_flow(
        &mut self,
        index: usize,
        rule: &CodeRule,
        class: u8,
        taint: &Taint,
        at: Node<'t>,
        f: &mut Frame,
    ) {
        if let Some(flow) = reaching(rule, class, taint).cloned() {
            self.sink_flow(index, at, &flow, f);
        }
    }
}

/// A command line read by a rule: the arguments after its flags and its operands (indices
/// into the positional arguments).
#[derive(Debug, Default)]
pub(super) struct CommandLine {
    pub(super) flag_values: Vec<usize>,
    pub(super) operands: Vec<usize>,
}

/// The argument after `flag` (or `flag=value` itself).
fn after_flag<'a, 't>(texts: &[(String, &'a Arg<'t>)], flag: &str) -> Option<&'a Arg<'t>> {
    texts.iter().enumerate().find_map(|(i, (t, _))| {
        if t == flag {
            texts.get(i + 1).map(|(_, a)| *a)
        } else if t
            .strip_prefix(flag)
            .is_some_and(|rest| rest.starts_with('='))
        {
            Some(texts[i].1)
        } else {
            None
        }
    })
}

/// Whether an identifier names one of `words`' purposes: a word of four letters or fewer must
/// be a whole word of the identifier (`key` in `api_key`, not in `monkey`; `sign` not in
/// `assign`), longer ones may be part of one (`password` in `passwordHash`).
pub(super) fn names_match(words: &[String], name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        parts.push(current);
    }
    words.iter().any(|w| {
        if w.len() <= 4 {
            parts.iter().any(|p| p == w)
        } else {
            lower.contains(w.as_str())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::names_match;

    #[test]
    fn purpose_names() {
        let words = ["token".to_owned(), "key".to_owned(), "password".to_owned()];
        assert!(names_match(&words, "reset_token"));
        assert!(names_match(&words, "apiKey"));
        assert!(names_match(&words, "passwordHash"));
        assert!(!names_match(&words, "monkey"));
        assert!(!names_match(&words, "color"));
    }
}
