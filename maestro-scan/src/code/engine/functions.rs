//! The file's functions: decorators, parameters, request-data parameters, summaries.

use std::collections::HashMap;
use std::rc::Rc;

use super::{Engine, Frame, Summary};
use crate::code::rules::ParameterSource;
use crate::code::table::{self, Role, named_children};
use crate::code::taint::{PARAM_CLASS, Taint, Value};
use tree_sitter::Node;

/// The names of positional parameters (shell `$1`...`$9`).
pub(super) const POSITIONAL: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

impl<'t> Engine<'t, '_> {
    /// The paths of a function's decorators or annotations.
    /// Whether every named child of `parent` but `node` is a decorator, an attribute or a
    /// modifier (or a comment).
    fn wraps_only(&self, parent: Node<'t>, node: Node<'t>) -> bool {
        let mut cursor = parent.walk();
        if !cursor.goto_first_child() {
            return false;
        }
        loop {
            let c = cursor.node();
            let other = c.is_named()
                && !c.is_extra()
                && c != node
                && !matches!(self.table.role(c), Some(Role::Annotation { .. }))
                && !["decorator", "attribute", "modifier"]
                    .iter()
                    .any(|k| c.kind().contains(k));
            if other {
                return false;
            }
            if !cursor.goto_next_sibling() {
                return true;
            }
        }
    }

    pub(super) fn decorators(&self, node: Node<'t>) -> Vec<String> {
        let mut found = Vec::new();
        // The name an annotation node gives (`app.route` of `@app.route("/")`).
        let named = |c: Node<'t>, name| {
            let target = table::child(c, name)?;
            let target = match self.table.role(target) {
                Some(Role::Call { callee, .. }) => table::child(target, callee).unwrap_or(target),
                _ => target,
            };
            self.path(target)
        };
        let scan = |n: Node<'t>, found: &mut Vec<String>| {
            let mut stack: Vec<Node<'t>> = named_children(n).collect();
            while let Some(c) = stack.pop() {
                match self.table.role(c) {
                    Some(Role::Annotation { name }) => {
                        found.extend(named(c, name));
                    }
                    Some(_) => {}
                    None => {
                        if c.kind().contains("modifier") || c.kind().contains("attribute") {
                            stack.extend(named_children(c));
                        }
                    }
                }
            }
        };
        scan(node, &mut found);
        // A wrapper of this definition and its decorators alone (Python's
        // `decorated_definition`), never a block or file of several definitions: their
        // decorators are their own (and scanning a whole file per function was quadratic).
        if let Some(parent) = node.parent()
            && self.table.role(parent).is_none()
            && self.wraps_only(parent, node)
        {
            scan(parent, &mut found);
        }
        // Annotations written before the definition, as its siblings (Rust's `#[get("/")]`).
        let mut prev = node.prev_named_sibling();
        while let Some(p) = prev {
            let Some(Role::Annotation { name }) = self.table.role(p) else {
                break;
            };
            found.extend(
                named(p, name).or_else(|| named_children(p).next().and_then(|n| self.path(n))),
            );
            prev = p.prev_named_sibling();
        }
        found
    }

    /// The parameters of a function: (name, node).
    pub(super) fn parameters(&self, node: Node<'t>) -> Vec<(String, Node<'t>)> {
        let Some(Role::Function { parameters, .. }) = self.table.role(node) else {
            return Vec::new();
        };
        let list = table::child(node, parameters).or_else(|| node.child_by_field_name("parameter"));
        let Some(list) = list else {
            return Vec::new();
        };
        if matches!(self.table.role(list), Some(Role::Name)) {
            return vec![(self.text_of(list).to_owned(), list)];
        }
        let mut out = Vec::new();
        for p in named_children(list) {
            if matches!(
                self.table.role(p),
                Some(Role::Comment | Role::Annotation { .. })
            ) {
                continue;
            }
            let mut names = table::children(p, self.table.name_field);
            if names.is_empty() {
                for field in &self.table.parameter_name_fields {
                    names = table::children(p, *field);
                    if !names.is_empty() {
                        break;
                    }
                }
            }
            if names.is_empty()
                && let Some(n) = self.first_name(p)
            {
                names.push(n);
            }
            for n in names {
                let n = self.first_name(n).unwrap_or(n);
                out.push((self.text_of(n).trim_start_matches(['*', '&']).to_owned(), p));
            }
        }
        out
    }

    pub(super) fn first_name(&self, node: Node<'t>) -> Option<Node<'t>> {
        if matches!(self.table.role(node), Some(Role::Name)) {
            return Some(node);
        }
        named_children(node)
            .filter(|c| !matches!(self.table.role(*c), Some(Role::Annotation { .. })))
            .find_map(|c| self.first_name(c))
    }

    pub(super) fn parameter_type(&self, param: Node<'t>) -> String {
        table::child(param, self.table.type_field)
            .map(|t| {
                self.text_of(t)
                    .trim_start_matches([':', ' '])
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default()
    }

    /// Which parameter source (if any) makes this function's parameters untrusted.
    pub(super) fn handler_source(&self, node: Node<'t>) -> Option<usize> {
        let decorators = self.decorators(node);
        self.pack.parameter_sources.iter().position(|s| {
            decorators
                .iter()
                .any(|d| s.decorators.iter().any(|p| p.matches(d)))
        })
    }

    /// Walk a function's body in a frame of its own; `callback` is the parameter source of a
    /// routing call it is passed to, `element` the data its first parameter receives (the
    /// receiver of `opt.map(|v| ...)`).
    pub(super) fn walk_function(
        &mut self,
        node: Node<'t>,
        callback: Option<usize>,
        element: Option<&Value>,
        env: HashMap<String, Value>,
    ) {
        let Some(Role::Function { name, body, .. }) = self.table.role(node) else {
            return;
        };
        let function_name = table::child(node, name)
            .map(|n| self.text_of(n).to_owned())
            .unwrap_or_default();
        let source = callback.or_else(|| self.handler_source(node));
        let mut frame = Frame {
            env,
            function_name,
            handler: source.is_some(),
            summary: None,
            module: false,
        };
        for (i, (pname, pnode)) in self.parameters(node).into_iter().enumerate() {
            let mut value = Value::tainted(
                self.parameter_taint(source, i, &pname, pnode)
                    .unwrap_or_default(),
            );
            if i == 0
                && let Some(e) = element
            {
                value.join(e);
                value.constant = false;
            }
            self.bind_parameter(&pname, pnode, value, &mut frame);
        }
        if self.table.positional_parameters {
            // `$1`... are this function's arguments, unknown here (not the script's).
            for name in POSITIONAL.iter().chain(["@", "*"].iter()) {
                frame.env.insert((*name).to_owned(), Value::default());
            }
        }
        if frame.env.values().any(|v| !v.taint.is_clean()) {
            frame.handler = true;
        }
        if let Some(body) = table::child(node, body) {
            let value = self.eval(body, &mut frame);
            self.on_tail(body, &value, &mut frame);
        } else {
            // Expression-bodied lambdas without a body field: walk what follows the parameters.
            for c in named_children(node).skip(1) {
                let _ = self.eval(c, &mut frame);
            }
        }
    }

    /// Bind a parameter to `value`. A parameter that is a declaration (Rust `pattern: Type`)
    /// binds every name of its pattern, to `value` joined with what its type evaluates to (an
    /// extractor type is request data) and cleaned by a type that is a sanitiser (`u32`).
    fn bind_parameter(&mut self, name: &str, node: Node<'t>, value: Value, f: &mut Frame) {
        let mut value = value;
        match self.table.role(node) {
            Some(Role::Declare {
                name: pattern,
                value: ty,
            }) => {
                if let Some(ty) = table::child(node, ty) {
                    let typed = self.eval(ty, f);
                    value.taint.join(&typed.taint);
                }
                value.taint.clear(self.type_clears(node));
                for target in table::children(node, pattern) {
                    self.bind_pattern(target, &value, f);
                }
            }
            None if named_children(node).count() > 1 => {
                f.env.insert(name.to_owned(), value.clone());
                self.bind_pattern(node, &value, f);
            }
            _ => {
                f.env.insert(name.to_owned(), value);
            }
        }
    }

    /// The value of a function's body is what it returns, in languages whose blocks are
    /// expressions (Rust's tail expression, a closure's expression body).
    pub(super) fn on_tail(&mut self, body: Node<'t>, value: &Value, f: &mut Frame) {
        if !self.table.expression_bodies {
            return;
        }
        let tail = if matches!(self.table.role(body), Some(Role::Block)) {
            named_children(body).last().filter(|c| self.is_tail(*c))
        } else {
            Some(body)
        };
        if let Some(tail) = tail {
            self.on_value_returned(tail, Some(tail), value, f);
        }
    }

    /// The taint of parameter `i` when it is request data.
    pub(super) fn parameter_taint(
        &self,
        source: Option<usize>,
        i: usize,
        name: &str,
        node: Node<'t>,
    ) -> Option<Taint> {
        let annotations = self.decorators(node);
        let ty = self.parameter_type(node);
        let by_annotation = self.pack.parameter_sources.iter().find(|s| {
            (!s.annotations.is_empty()
                && annotations
                    .iter()
                    .any(|a| s.annotations.iter().any(|p| p.matches(a))))
                || (!s.types.is_empty()
                    && !ty.is_empty()
                    && s.types
                        .iter()
                        .any(|p| p.matches(ty.trim_start_matches(['*', '&']))))
        });
        let source: &ParameterSource = if let Some(s) = by_annotation {
            s
        } else {
            let s = &self.pack.parameter_sources[source?];
            if !s.annotations.is_empty() || !s.types.is_empty() {
                return None;
            }
            s
        };
        if self.table.self_names.contains(&name)
            || source.skip_names.iter().any(|n| n == name)
            || (!ty.is_empty() && source.skip_types.iter().any(|p| p.matches(&ty)))
            || source
                .parameters
                .as_ref()
                .is_some_and(|only| !only.contains(&i))
        {
            return None;
        }
        Some(Taint::source(
            0,
            format!("{} `{name}`", source.label),
            node.start_byte(),
            None,
        ))
    }

    /// The summary of a function of this file, computed on first use (in the module's
    /// environment).
    pub(super) fn summary(&mut self, node: Node<'t>) -> Option<Rc<Summary>> {
        self.summary_in(node, None)
    }

    /// The summary of a function, computed on first use in `env` (a closure sees the variables
    /// of the function it is written in) or the module's environment.
    pub(super) fn summary_in(
        &mut self,
        node: Node<'t>,
        env: Option<&HashMap<String, Value>>,
    ) -> Option<Rc<Summary>> {
        if let Some(s) = self.summaries.get(&node.id()) {
            return Some(s.clone());
        }
        if self.in_progress.contains(&node.id()) || self.in_progress.len() > 6 {
            return None;
        }
        let Some(Role::Function { name, body, .. }) = self.table.role(node) else {
            return None;
        };
        self.in_progress.push(node.id());
        let mut frame = Frame {
            env: env.cloned().unwrap_or_else(|| self.globals.clone()),
            function_name: table::child(node, name)
                .map(|n| self.text_of(n).to_owned())
                .unwrap_or_default(),
            handler: false,
            summary: Some(Summary::default()),
            module: false,
        };
        for (i, (pname, pnode)) in self.parameters(node).into_iter().enumerate() {
            let taint = Taint::source(PARAM_CLASS, pname.clone(), pnode.start_byte(), Some(i));
            self.bind_parameter(&pname, pnode, Value::tainted(taint), &mut frame);
        }
        if self.table.positional_parameters {
            let mut all = Taint::default();
            for (i, name) in POSITIONAL.iter().enumerate() {
                let taint =
                    Taint::source(PARAM_CLASS, format!("${name}"), node.start_byte(), Some(i));
                all.join(&taint);
                frame.env.insert((*name).to_owned(), Value::tainted(taint));
            }
            frame
                .env
                .insert("@".to_owned(), Value::tainted(all.clone()));
            frame.env.insert("*".to_owned(), Value::tainted(all));
        }
        if let Some(body) = table::child(node, body) {
            let value = self.eval(body, &mut frame);
            self.on_tail(body, &value, &mut frame);
        }
        self.in_progress.pop();
        let summary = Rc::new(frame.summary.unwrap_or_default());
        self.summaries.insert(node.id(), summary.clone());
        Some(summary)
    }
}
