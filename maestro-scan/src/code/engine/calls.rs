//! Calls: what a call is whatever its syntax, its value, and the rules checked on it.

use super::{
    Arg, CallSite, Engine, Frame, Hit, LOOKUPS, MAX_DEPTH, MUTATORS, ParamSink, Role, reaching,
};
use crate::code::pattern::Pattern;
use crate::code::rules::{CodeRule, KeywordValue, category_bit};
use crate::code::table::{self, named_children};
use crate::code::taint::{Flow, Step, Taint, Value};
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    pub(super) fn call_site(&self, node: Node<'t>) -> Option<CallSite<'t>> {
        let args_of = |list: Option<Node<'t>>| -> Vec<Node<'t>> {
            match list {
                Some(l) if l.kind().contains("argument") || l.kind() == "arguments" => {
                    named_children(l).collect()
                }
                Some(l) => vec![l],
                None => Vec::new(),
            }
        };
        let site = match self.table.role(node)? {
            Role::Call { callee, arguments } => {
                let callee = table::child(node, callee)?;
                let (receiver, method) = match self.table.role(callee) {
                    Some(Role::Member { object, property }) => (
                        table::child(callee, object),
                        table::child(callee, property).map(|p| self.text_of(p).to_owned()),
                    ),
                    _ => (None, Some(self.text_of(callee).to_owned())),
                };
                CallSite {
                    node,
                    callee: Some(callee),
                    receiver,
                    path: self.path(callee),
                    method,
                    args: args_of(table::child(node, arguments)),
                }
            }
            Role::MethodCall {
                receiver,
                method,
                arguments,
            } => {
                let receiver = table::child(node, receiver);
                let method_node = table::child(node, method)?;
                let method = self.text_of(method_node).to_owned();
                let path = match receiver {
                    Some(r) => format!(
                        "{}.{method}",
                        self.path(r).unwrap_or_else(|| "?".to_owned())
                    ),
                    None => self.resolve(&method),
                };
                CallSite {
                    node,
                    callee: Some(method_node),
                    receiver,
                    path: Some(path),
                    method: Some(method),
                    args: args_of(table::child(node, arguments)),
                }
            }
            Role::Command { name, argument } => {
                let name = table::child(node, name)?;
                CallSite {
                    node,
                    callee: Some(name),
                    receiver: None,
                    path: Some(self.text_of(name).to_owned()),
                    method: Some(self.text_of(name).to_owned()),
                    args: table::children(node, argument),
                }
            }
            Role::New { class, arguments } => {
                let class = table::child(node, class)?;
                CallSite {
                    node,
                    callee: Some(class),
                    receiver: None,
                    path: self.path(class),
                    method: None,
                    args: args_of(table::child(node, arguments).filter(|a| *a != class)),
                }
            }
            Role::Builtin(name) => CallSite {
                node,
                callee: None,
                receiver: None,
                path: Some(name.to_owned()),
                method: Some(name.to_owned()),
                args: named_children(node).collect(),
            },
            _ => return None,
        };
        Some(site)
    }

    pub(super) fn eval_call(&mut self, node: Node<'t>, role: Role, f: &mut Frame) -> Value {
        let Some(site) = self.call_site(node) else {
            return self.eval_children(node, f);
        };
        let path = site.path.clone().unwrap_or_else(|| "?".to_owned());
        let receiver = match site.receiver {
            Some(r) => self.eval(r, f),
            None => Value::default(),
        };
        let source = self.source_taint(&path, node);
        // Callbacks of a web framework's routing calls get request parameters.
        let callback =
            self.pack.parameter_sources.iter().position(|s| {
                !s.callbacks.is_empty() && s.callbacks.iter().any(|p| p.matches(&path))
            });
        let mut args: Vec<Arg<'t>> = Vec::with_capacity(site.args.len());
        for a in &site.args {
            if matches!(self.table.role(*a), Some(Role::Comment)) {
                continue;
            }
            if callback.is_some() && matches!(self.table.role(*a), Some(Role::Function { .. })) {
                self.callback_source = callback;
            }
            let (name, value_node) = match self.table.role(*a) {
                Some(Role::KeywordArgument { name, value }) => (
                    table::child(*a, name).map(|n| self.text_of(n).to_owned()),
                    table::child(*a, value).unwrap_or(*a),
                ),
                _ => (None, *a),
            };
            let value = self.eval(value_node, f);
            self.callback_source = None;
            if let Some(n) = &name {
                for (i, rule) in self.pack.rules.iter().enumerate() {
                    if let Some(class) = rule.class
                        && !rule.names.is_empty()
                        && names_match(&rule.names, n)
                    {
                        self.check_flow(i, rule, class, &value.taint, *a, f);
                    }
                }
            }
            args.push(Arg {
                name,
                node: value_node,
                value,
            });
        }
        let _ = role;

        // Sources that write into their arguments (`read x`, `fmt.Scan(&x)`).
        if let Some(s) = self
            .pack
            .sources
            .iter()
            .find(|s| s.assigns_arguments && s.patterns.iter().any(|p| p.matches(&path)))
        {
            for a in &args {
                let target = self.first_name(a.node);
                if let Some(t) = target {
                    let name = self.text_of(t).to_owned();
                    if name.starts_with('-') {
                        continue;
                    }
                    let label = s.label.clone().unwrap_or_else(|| self.label(node));
                    let taint = Taint::source(s.class, label, node.start_byte(), None);
                    f.env.insert(name, Value::tainted(taint));
                }
            }
        }

        // Rules on this call (a call that sanitises a category is no taint sink of it).
        let cleans = self.sanitized(&path, site.args.first().copied());
        for (i, rule) in self.pack.rules.iter().enumerate() {
            if !rule.calls.is_empty()
                && (rule.class.is_none() || cleans & category_bit(rule.cwe) == 0)
                && rule.calls.iter().any(|p| p.matches(&path))
            {
                self.check_call(i, rule, &site, &receiver, &args, f);
            }
        }

        // The file's own function.
        let local = site
            .callee
            .filter(|_| {
                site.receiver
                    .is_none_or(|r| self.table.self_names.contains(&self.text_of(r)))
            })
            .and(site.method.as_deref())
            .and_then(|m| self.functions.get(m).copied());
        if let Some(function) = local
            && let Some(summary) = self.summary(function)
        {
            let skip_self = site.receiver.is_some()
                && self
                    .parameters(function)
                    .first()
                    .is_some_and(|(n, _)| self.table.self_names.contains(&n.as_str()));
            let params: Vec<String> = self
                .parameters(function)
                .into_iter()
                .skip(usize::from(skip_self))
                .map(|(n, _)| n)
                .collect();
            let arg_for = |i: usize| -> Option<&Arg<'t>> {
                let pname = params.get(i)?;
                args.iter()
                    .find(|a| a.name.as_deref() == Some(pname.as_str()))
                    .or_else(|| args.iter().filter(|a| a.name.is_none()).nth(i))
            };
            let call_label = format!("{}()", site.method.clone().unwrap_or_default());
            for sink in &summary.sinks {
                let Some(param) = sink.param.checked_sub(usize::from(skip_self)) else {
                    continue;
                };
                if let Some(arg) = arg_for(param) {
                    let mut taint = arg.value.taint.clone();
                    taint.clear(sink.cleared);
                    taint.step(node.start_byte(), &call_label);
                    let rule = &self.pack.rules[sink.rule];
                    let Some(class) = rule.class else { continue };
                    if let Some(flow) = taint.reaching(class, category_bit(rule.cwe)) {
                        let mut flow = flow.clone();
                        for s in &sink.steps {
                            flow.steps.push(s.clone());
                        }
                        self.report_flow(sink.rule, sink.start, sink.end, &flow, f);
                    }
                }
            }
            let mut result = Taint::default();
            for flow in &summary.returns.flows {
                match flow.origin.param {
                    Some(i) => {
                        if let Some(p) = i.checked_sub(usize::from(skip_self))
                            && let Some(arg) = arg_for(p)
                        {
                            let mut t = arg.value.taint.clone();
                            t.clear(flow.cleared);
                            t.step(node.start_byte(), &call_label);
                            result.join(&t);
                        }
                    }
                    None => result.join(&Taint {
                        flows: vec![flow.clone()],
                    }),
                }
            }
            return Value::tainted(result);
        }

        if let Some(t) = source {
            return Value::tainted(t);
        }
        // Sanitisers (every one that matches cleans its categories).
        let cleaned = self.sanitized(&path, site.args.first().copied());
        if cleaned != 0 {
            let mut taint = receiver.taint.clone();
            for a in &args {
                taint.join(&a.value.taint);
            }
            taint.clear(cleaned);
            return Value::tainted(taint);
        }
        let method = site.method.as_deref().unwrap_or("");
        if receiver.constant && site.receiver.is_some() && LOOKUPS.contains(&method) {
            return Value::constant();
        }
        // `items.map(fn)`: what the callback returns for each element.
        if matches!(method, "map" | "flatMap" | "flat_map")
            && let Some(callback) = args.first().map(|a| a.node)
            && matches!(self.table.role(callback), Some(Role::Function { .. }))
            && let Some(summary) = self.summary(callback)
        {
            let mut result = Taint::default();
            for flow in &summary.returns.flows {
                if flow.origin.param == Some(0) {
                    let mut t = receiver.taint.clone();
                    t.clear(flow.cleared);
                    result.join(&t);
                } else if flow.origin.param.is_none() {
                    result.join(&Taint {
                        flows: vec![flow.clone()],
                    });
                }
            }
            return Value::tainted(result);
        }
        let mut taint = receiver.taint.clone();
        if self.pack.opaque.iter().any(|p| p.matches(&path)) {
            taint = Taint::default();
        }
        // Functions of the application's other modules are opaque: what they return is not
        // their arguments (a user looked up by name is not the name).
        let opaque = path.starts_with('.')
            || path.starts_with('/')
            || self.pack.opaque.iter().any(|p| p.matches(&path));
        if !opaque {
            for a in &args {
                taint.join(&a.value.taint);
                // A callback's results flow into the call's (`_.times(8, () => random())`).
                if matches!(self.table.role(a.node), Some(Role::Function { .. }))
                    && let Some(summary) = self.summary(a.node)
                {
                    let own: Vec<Flow> = summary
                        .returns
                        .flows
                        .iter()
                        .filter(|fl| fl.origin.param.is_none())
                        .cloned()
                        .collect();
                    taint.join(&Taint { flows: own });
                }
            }
        }
        if MUTATORS.contains(&method)
            && let Some(key) = site.receiver.and_then(|r| self.key(r))
            && args.iter().any(|a| !a.value.taint.is_clean())
        {
            let mut stored = f.env.get(&key).cloned().unwrap_or_default();
            for a in &args {
                stored.join(&a.value);
            }
            stored.constant = false;
            stored.taint.step(node.start_byte(), &key);
            f.env.insert(key, stored);
        }
        Value::tainted(taint)
    }

    /// The categories the sanitisers matching `path` clean (0 when none matches); `first` is
    /// the call's first argument, for sanitisers that need a particular one.
    pub(super) fn sanitized(&self, path: &str, first: Option<Node<'t>>) -> u64 {
        self.pack
            .sanitizers
            .iter()
            .filter(|s| s.calls.iter().any(|p| p.matches(path)))
            .filter(|s| {
                s.values.is_empty() || first.is_some_and(|a| self.value_matches(a, &s.values))
            })
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

    pub(super) fn check_call(
        &mut self,
        index: usize,
        rule: &CodeRule,
        site: &CallSite<'t>,
        receiver: &Value,
        args: &[Arg<'t>],
        f: &mut Frame,
    ) {
        let positional: Vec<&Arg<'t>> = args.iter().filter(|a| a.name.is_none()).collect();
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
        if let Some(cond) = &rule.when_arg
            && !positional
                .get(cond.index)
                .is_some_and(|a| self.value_matches(a.node, &cond.values))
        {
            return;
        }
        if let Some(cond) = &rule.unless_arg
            && positional
                .get(cond.index)
                .is_some_and(|a| self.value_matches(a.node, &cond.values))
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
        if rule.args.is_empty() && rule.keywords.is_empty() && !rule.receiver {
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

    /// A flow reached a sink of rule `index` at `at`: report it, or record it in the summary
    /// being computed when it comes from a parameter.
    pub(super) fn sink_flow(&mut self, index: usize, at: Node<'t>, flow: &Flow, f: &mut Frame) {
        if let Some(param) = flow.origin.param {
            if let Some(summary) = &mut f.summary {
                let mut steps = flow.steps.clone();
                steps.push(Step {
                    at: at.start_byte(),
                    label: self.label(at),
                });
                summary.sinks.push(ParamSink {
                    param,
                    rule: index,
                    cleared: flow.cleared,
                    steps,
                    start: at.start_byte(),
                    end: at.end_byte(),
                });
            }
            return;
        }
        self.report_flow(index, at.start_byte(), at.end_byte(), flow, f);
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

    pub(super) fn report(&mut self, index: usize, at: Node<'t>, flow: Option<&Flow>, f: &Frame) {
        if f.summary.is_some() {
            return;
        }
        if !(self.enabled)(&self.pack.rules[index].id) {
            return;
        }
        let mut steps = Vec::new();
        if let Some(flow) = flow {
            steps.push(Step {
                at: flow.origin.at,
                label: flow.origin.label.clone(),
            });
            steps.extend(flow.steps.iter().cloned());
            steps.push(Step {
                at: at.start_byte(),
                label: self.label(at),
            });
        }
        self.hits.push(Hit {
            rule: index,
            start: at.start_byte(),
            end: at.end_byte(),
            flow: steps,
        });
    }

    pub(super) fn report_flow(
        &mut self,
        index: usize,
        start: usize,
        end: usize,
        flow: &Flow,
        f: &Frame,
    ) {
        if f.summary.is_some() || !(self.enabled)(&self.pack.rules[index].id) {
            return;
        }
        let mut steps = vec![Step {
            at: flow.origin.at,
            label: flow.origin.label.clone(),
        }];
        steps.extend(flow.steps.iter().cloned());
        let sink_label = {
            let text = std::str::from_utf8(&self.text[start..end]).unwrap_or("");
            let line = text.lines().next().unwrap_or("").trim();
            line.chars().take(48).collect::<String>()
        };
        if steps.last().is_none_or(|s| s.at != start) {
            steps.push(Step {
                at: start,
                label: sink_label,
            });
        }
        self.hits.push(Hit {
            rule: index,
            start,
            end,
            flow: steps,
        });
    }
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
