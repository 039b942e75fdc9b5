//! Assignments (bindings, and rules on assigned targets and returned values).

use super::{Engine, Frame, names_match};
use crate::code::table::{self, Role, named_children};
use crate::code::taint::Value;
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    pub(super) fn assign(
        &mut self,
        target: Node<'t>,
        value_node: Option<Node<'t>>,
        value: Value,
        f: &mut Frame,
    ) {
        match self.table.role(target) {
            Some(Role::Name) => {
                let name = self.text_of(target).to_owned();
                self.derived.remove(&name);
                match value_node {
                    Some(v) if v != target => {
                        self.bound.insert(name.clone(), v);
                    }
                    _ => {
                        self.bound.remove(&name);
                    }
                }
                if let Some(v) = value_node
                    && matches!(
                        self.table.role(v),
                        Some(Role::Call { .. } | Role::New { .. } | Role::MethodCall { .. })
                    )
                    && let Some(site) = self.call_site(v)
                {
                    // The argument the result is derived from: the first one carrying data.
                    let keys: Vec<String> = site.args.iter().filter_map(|a| self.key(*a)).collect();
                    let tainted = keys
                        .iter()
                        .find(|k| f.env.get(k.as_str()).is_some_and(|v| !v.taint.is_clean()));
                    if let Some(key) = tainted.or(keys.first())
                        && *key != name
                    {
                        self.derived.insert(name.clone(), key.clone());
                    }
                }
                if let Some(v) = value_node {
                    let proves = self.guards(v);
                    if proves.0.is_empty() && proves.1.is_empty() {
                        self.conditions.remove(&name);
                    } else {
                        self.conditions.insert(name.clone(), proves);
                    }
                }
                self.check_assignment(&name, &name, value_node, &value, target, f);
                let mut value = value;
                value.taint.step(target.start_byte(), &name);
                f.env.insert(name, value);
            }
            Some(Role::Member { property, .. }) => {
                let path = self.path(target).unwrap_or_default();
                let property = table::child(target, property)
                    .map(|p| self.text_of(p).to_owned())
                    .unwrap_or_default();
                self.check_assignment(&path, &property, value_node, &value, target, f);
                if let Some(key) = self.raw_path(target, 0) {
                    if let Some(v) = value_node {
                        self.bound.insert(key.clone(), v);
                    }
                    let mut value = value;
                    value.taint.step(target.start_byte(), &key);
                    f.env.insert(key, value);
                }
            }
            Some(Role::Index { object, index }) => {
                let object = table::child(target, object);
                let path = format!(
                    "{}[]",
                    object
                        .and_then(|o| self.path(o))
                        .unwrap_or_else(|| "?".to_owned())
                );
                let index_text = table::child(target, index)
                    .map(|i| self.key_text(i))
                    .unwrap_or_default();
                let _ = self.eval_opt(table::child(target, index), f);
                self.check_assignment(&path, &index_text, value_node, &value, target, f);
                if let Some(key) = object.and_then(|o| self.key(o)) {
                    let mut joined = f.env.get(&key).cloned().unwrap_or_default();
                    joined.join(&value);
                    joined.constant = false;
                    joined.taint.step(target.start_byte(), &key);
                    f.env.insert(key, joined);
                }
            }
            Some(Role::Pair { value: v, .. }) => {
                if let Some(v) = table::child(target, v) {
                    self.assign(v, None, value, f);
                }
            }
            Some(Role::Declare { name, .. }) => {
                for t in table::children(target, name) {
                    self.assign(t, value_node, value.clone(), f);
                }
            }
            _ => {
                let targets: Vec<Node<'t>> = named_children(target).collect();
                let values: Vec<Node<'t>> = value_node
                    .map(|v| named_children(v).collect())
                    .unwrap_or_default();
                let pairwise = targets.len() > 1
                    && values.len() == targets.len()
                    && value_node.is_some_and(|v| {
                        matches!(self.table.role(v), Some(Role::Container))
                            || (self.table.role(v).is_none()
                                && (v.kind().contains("list") || v.kind().contains("tuple")))
                    });
                for (i, t) in targets.iter().enumerate() {
                    if pairwise {
                        let v = self.eval(values[i], f);
                        self.assign(*t, Some(values[i]), v, f);
                    } else {
                        self.assign(*t, value_node, value.clone(), f);
                    }
                }
            }
        }
    }

    /// Rules on assignments: to a target path (`assign`), and of weak data to a name that says
    /// what it is for (`names`).
    pub(super) fn check_assignment(
        &mut self,
        path: &str,
        name: &str,
        value_node: Option<Node<'t>>,
        value: &Value,
        at: Node<'t>,
        f: &mut Frame,
    ) {
        let pack = self.pack;
        for i in pack.index.rule_assign.candidates(path) {
            let rule = &pack.rules[i];
            if !rule.assign.is_empty() && rule.assign.iter().any(|p| p.matches(path)) {
                match rule.class {
                    None => {
                        let fits = rule.values.is_empty()
                            || value_node.is_some_and(|v| self.value_matches(v, &rule.values));
                        if fits {
                            self.report(i, at, None, f);
                        }
                    }
                    Some(class) => self.check_flow(i, rule, class, &value.taint, at, f),
                }
            }
        }
        self.check_names(name, value, at, f);
    }

    /// Rules on names: data of a rule's class stored under (or written after) a name that says
    /// what it is for.
    pub(super) fn check_names(&mut self, name: &str, value: &Value, at: Node<'t>, f: &mut Frame) {
        for (i, rule) in self.pack.rules.iter().enumerate() {
            if !rule.names.is_empty()
                && let Some(class) = rule.class
                && names_match(&rule.names, name)
            {
                self.check_flow(i, rule, class, &value.taint, at, f);
            }
        }
    }

    pub(super) fn on_return(&mut self, node: Node<'t>, value: &Value, f: &mut Frame) {
        let expr = named_children(node).next();
        self.on_value_returned(node, expr, value, f);
    }

    /// A function returns `value` (the expression `expr`) at `node`: it joins the summary
    /// being computed, and rules on returned values are checked.
    pub(super) fn on_value_returned(
        &mut self,
        node: Node<'t>,
        expr: Option<Node<'t>>,
        value: &Value,
        f: &mut Frame,
    ) {
        if let Some(summary) = &mut f.summary {
            summary.returns.join(&value.taint);
        }
        let function_name = f.function_name.clone();
        for (i, rule) in self.pack.rules.iter().enumerate() {
            let Some(class) = rule.class else { continue };
            if !rule.names.is_empty() && names_match(&rule.names, &function_name) {
                self.check_flow(i, rule, class, &value.taint, node, f);
            }
            if rule.returns_in_handler && f.handler && expr.is_some_and(|e| self.is_text_value(e)) {
                self.check_flow(i, rule, class, &value.taint, node, f);
            }
        }
    }

    /// Whether an expression builds text (a string, a concatenation, a formatting call).
    pub(super) fn is_text_value(&self, node: Node<'t>) -> bool {
        match self.table.role(node) {
            Some(Role::Str | Role::Binary { .. }) => true,
            Some(Role::Call { .. } | Role::MethodCall { .. }) => self
                .path(node)
                .is_some_and(|p| p.ends_with(".format()") || p.ends_with(".join()")),
            None => {
                let mut c = named_children(node);
                match (c.next(), c.next()) {
                    (Some(only), None) => self.is_text_value(only),
                    _ => false,
                }
            }
            _ => false,
        }
    }
}
