//! Evaluation: every expression to a [`Value`] (its taint and whether it is a literal), by
//! its role in the language's table: reading names and sources, strings and their fixed URL
//! prefixes, members, indexes, operators, bindings, returns, nested functions (deferred or
//! walked), conditional expressions and loops; calls and `if`s are handed to their modules.

use tree_sitter::Node;

use super::{Deferred, Engine, Frame, MAX_DEPTH, apply_clear};
use crate::code::imports;
use crate::code::rules::category_bit;
use crate::code::table::{self, Role, named_children};
use crate::code::taint::{PARAM_CLASS, Taint, UNTRUSTED_CLASS, Value};

impl<'t> Engine<'t, '_> {
    // ---- sources ----

    pub(super) fn source_taint(&self, path: &str, node: Node<'t>) -> Option<Taint> {
        let pack = self.pack;
        let candidates = pack
            .index
            .sources
            .candidates(path)
            .map(|i| &pack.sources[i]);
        let source = candidates.into_iter().find(|s| {
            !s.assigns_arguments
                && !s.environment
                && s.patterns.iter().any(|p| p.matches(path))
                && (s.values.is_empty()
                    || self.call_site(node).is_some_and(|site| {
                        site.args.iter().any(|a| self.value_matches(*a, &s.values))
                    }))
        })?;
        let label = source.label.clone().unwrap_or_else(|| self.label(node));
        let mut taint = Taint::source(source.class, label, node.start_byte(), None);
        taint.clear(source.cleared);
        Some(taint)
    }

    fn read_name(&self, node: Node<'t>, f: &Frame) -> Value {
        let name = self.text_of(node);
        if let Some(v) = f.env.get(name).or_else(|| self.globals.get(name)) {
            return v.clone();
        }
        let path = self.resolve(name);
        if let Some(t) = self.source_taint(&path, node) {
            return Value::tainted(t);
        }
        // A variable nothing bound, named in capitals: the environment's.
        if let Some(s) = self.pack.sources.iter().find(|s| s.environment)
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && !s.except.iter().any(|e| e == name)
            && !self.assigned.contains(name)
        {
            let label = s.label.clone().unwrap_or_else(|| self.label(node));
            let mut taint = Taint::source(s.class, label, node.start_byte(), None);
            taint.clear(s.cleared);
            return Value::tainted(taint);
        }
        Value::default()
    }

    // ---- evaluation ----

    pub(super) fn eval(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
        if self.depth > MAX_DEPTH {
            return Value::default();
        }
        self.depth += 1;
        let value = self.eval_role(node, f);
        self.depth -= 1;
        value
    }

    pub(super) fn eval_children(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
        let mut value = Value::constant();
        let mut any = false;
        // A comprehension binds its loop variables (`for x in xs` clauses) before its element.
        let mut children: Vec<Node<'t>> = named_children(node).collect();
        children.sort_by_key(|c| {
            !matches!(
                self.table.role(*c),
                Some(Role::For {
                    body: table::Field::None,
                    ..
                })
            )
        });
        for c in children {
            let v = self.eval(c, f);
            value.join(&v);
            any = true;
        }
        value.constant &= any;
        value
    }

    pub(super) fn eval_opt(&mut self, node: Option<Node<'t>>, f: &mut Frame) -> Value {
        node.map(|n| self.eval(n, f)).unwrap_or_default()
    }

    fn eval_role(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
        let Some(role) = self.table.role(node) else {
            return self.eval_children(node, f);
        };
        match role {
            Role::Comment | Role::Skip | Role::Import | Role::FieldDeclaration { .. } => {
                Value::default()
            }
            Role::Text | Role::Constant => Value::constant(),
            // `[base, name]`: elements after the first are appended to it (`.join("/")`).
            Role::Container
                if !named_children(node)
                    .any(|c| matches!(self.table.role(c), Some(Role::For { .. }))) =>
            {
                let mut value = Value::constant();
                let mut any = false;
                for (i, c) in named_children(node).enumerate() {
                    let mut v = self.eval(c, f);
                    if i > 0 {
                        v.taint.append();
                    }
                    value.join(&v);
                    any = true;
                }
                value.constant &= any;
                value
            }
            Role::Container
            | Role::Interpolation
            | Role::Class
            | Role::Annotation { .. }
            | Role::Else
            | Role::Terminate => self.eval_children(node, f),
            Role::Redirected { body, input } => {
                // Input redirections only: `<<EOF`, `<<<`, `< file` (a file's contents are
                // not known), not `> out` or `2>&1`.
                let mut fed: Option<Value> = None;
                for r in table::children(node, input) {
                    let mut cursor = r.walk();
                    let reads = r
                        .children(&mut cursor)
                        .any(|c| !c.is_named() && self.text_of(c).starts_with('<'));
                    if !reads {
                        let _ = self.eval(r, f);
                        continue;
                    }
                    // A here-document or here-string feeds its text; a file, what it holds.
                    let mut v = if r.kind().contains("here") {
                        Value::constant()
                    } else {
                        Value::default()
                    };
                    for c in named_children(r) {
                        let cv = self.eval(c, f);
                        if matches!(self.table.role(c), Some(Role::Str)) {
                            v.join(&cv);
                        }
                    }
                    fed.get_or_insert_with(Value::constant).join(&v);
                }
                if fed.is_some() {
                    self.pipe_input = fed;
                }
                let value = self.eval_opt(table::child(node, body), f);
                self.pipe_input = None;
                value
            }
            Role::Pipeline => {
                let mut input: Option<Value> = None;
                for c in named_children(node) {
                    self.pipe_input = input.take();
                    let v = self.eval(c, f);
                    self.pipe_input = None;
                    input = Some(v);
                }
                input.unwrap_or_default()
            }
            Role::Name => self.read_name(node, f),
            Role::ScopedName => {
                let path = self.path(node).unwrap_or_default();
                match self.source_taint(&path, node) {
                    Some(t) => Value::tainted(t),
                    None => Value::default(),
                }
            }
            Role::Str => {
                let mut value = Value::constant();
                let mut at = node.start_byte();
                for c in named_children(node) {
                    if matches!(self.table.role(c), Some(Role::Text)) {
                        continue;
                    }
                    let mut v = self.eval(c, f);
                    // `"token=${t}"`, `"X-Nonce: ${n}"`: the text names the value.
                    let before = std::str::from_utf8(&self.text[at..c.start_byte()]).unwrap_or("");
                    // Data after text or after other data is appended to it (`"/srv/$name"`).
                    if at != node.start_byte() || !strip_quote(before).is_empty() {
                        v.taint.append();
                    }
                    if !v.taint.is_clean()
                        && let Some(label) = text_label(before)
                    {
                        self.check_names(label, &v, c, f);
                    }
                    at = c.end_byte();
                    value.join(&v);
                    value.constant = false;
                }
                if !value.taint.is_clean() && fixed_destination(&self.literal_prefix(node)) {
                    value.taint.clear(category_bit(601));
                }
                value
            }
            Role::Member { object, property } => {
                if let Some(raw) = self.raw_path(node, 0)
                    && let Some(v) = f.env.get(&raw).or_else(|| self.globals.get(&raw))
                {
                    return v.clone();
                }
                let path = self.path(node);
                if let Some(path) = &path
                    && let Some(t) = self.source_taint(path, node)
                {
                    return Value::tainted(t);
                }
                let mut object = self.eval_opt(table::child(node, object), f);
                if let Some(path) = &path {
                    object.taint.clear(self.sanitized(path, &[]));
                }
                if let Some(p) = table::child(node, property)
                    && let Some(clears) = self.typed_fields.get(self.text_of(p))
                {
                    object.taint.clear(*clears);
                }
                Value {
                    taint: object.taint,
                    constant: false,
                }
            }
            Role::Index { object, index } => {
                let obj = self.eval_opt(table::child(node, object), f);
                let index_node = table::child(node, index);
                let index = self.eval_opt(index_node, f);
                if let Some(at) = index_node {
                    self.check_index(node, table::child(node, object), at, (&obj, &index), f);
                }
                if obj.constant {
                    // A lookup in a literal table is one of its values; an element picked by a
                    // weak random index is as weak as the index.
                    let mut taint = index.taint;
                    taint.flows.retain(|fl| {
                        fl.origin.class != UNTRUSTED_CLASS && fl.origin.class != PARAM_CLASS
                    });
                    return Value {
                        constant: taint.is_clean(),
                        taint,
                    };
                }
                if let Some(path) = self.path(node)
                    && let Some(t) = self.source_taint(&path, node)
                {
                    return Value::tainted(t);
                }
                Value::tainted(obj.taint)
            }
            Role::Binary { left, right } => {
                let left = table::child(node, left);
                let right = table::child(node, right);
                if left.is_none() && right.is_none() {
                    return self.eval_children(node, f);
                }
                let op = self.operator(node);
                let mut l = self.eval_opt(left, f);
                let mut r = self.eval_binary_right(left, right, op.as_deref(), f);
                if matches!(op.as_deref(), Some("+" | "." | ".." | "<>")) {
                    r.taint.append();
                }
                let prefix_fixed = op.as_deref() == Some("+")
                    && left.is_some_and(|n| self.fixes_destination(n, &l));
                l.join(&r);
                if matches!(
                    op.as_deref(),
                    Some("==" | "===" | "!=" | "!==" | "<" | ">" | "<=" | ">=")
                ) {
                    l.taint.clear(!category_bit(501));
                    l.constant = false;
                }
                if prefix_fixed {
                    l.taint.clear(category_bit(601));
                }
                l
            }
            Role::Comparison => {
                // A comparison of input is a boolean the user chose: harmless in a query or a
                // command, not in the session.
                let mut v = self.eval_children(node, f);
                v.taint.clear(!category_bit(501));
                v.constant = false;
                v
            }
            Role::Not { argument } => {
                let v = self.eval_opt(table::child(node, argument), f);
                Value::tainted(v.taint)
            }
            Role::Call { .. }
            | Role::MethodCall { .. }
            | Role::Command { .. }
            | Role::New { .. }
            | Role::Expansion
            | Role::Builtin(_) => self.eval_call(node, role, f),
            Role::KeywordArgument { value, .. } | Role::Arm { value, .. } => {
                self.eval_opt(table::child(node, value), f)
            }
            Role::Assign { left, right } => {
                let value = self.eval_opt(table::child(node, right), f);
                let augmented = self.is_augmented(node);
                for target in table::children(node, left) {
                    let mut v = value.clone();
                    if augmented {
                        v.taint.append();
                        let old = self.eval(target, f);
                        v.join(&old);
                        v.constant = false;
                    }
                    self.assign(target, table::child(node, right), v, f);
                }
                value
            }
            Role::AugmentedAssign { left, right } => {
                let mut value = self.eval_opt(table::child(node, right), f);
                value.taint.append();
                if let Some(target) = table::child(node, left) {
                    let old = self.eval(target, f);
                    value.join(&old);
                    value.constant = false;
                    self.assign(target, table::child(node, right), value.clone(), f);
                }
                value
            }
            Role::Declare { name, value } => {
                let targets = table::children(node, name);
                let value_node = table::child(node, value).filter(|v| !targets.contains(v));
                if let Some(v) = value_node
                    && imports::required_module_of_value(v, self.text).is_some()
                {
                    return Value::default();
                }
                let mut value = match value_node {
                    Some(v) => self.eval(v, f),
                    None => Value::default(),
                };
                // `let n: u32 = ...`: a declared type that is a sanitiser (a number) cleans.
                value.taint.clear(self.type_clears(node));
                for target in targets {
                    self.assign(target, value_node, value.clone(), f);
                }
                value
            }
            Role::Return => {
                let value = self.eval_children(node, f);
                self.on_return(node, &value, f);
                value
            }
            Role::Function { .. } => {
                let source = self.callback_source.take();
                let element = self.callback_value.take();
                if f.summary.is_some() {
                    // Computing a summary: a nested function is walked when its enclosing
                    // function is, with real data.
                    return Value::default();
                }
                if f.module {
                    self.deferred.push(Deferred { node, source });
                } else {
                    let env = f.env.clone();
                    self.walk_function(node, source, element.as_ref(), env);
                }
                Value::default()
            }
            Role::Block => {
                let mut last = Value::default();
                let children: Vec<Node<'t>> = named_children(node).collect();
                for c in &children {
                    last = self.eval(*c, f);
                }
                match children.last() {
                    Some(c) if self.is_tail(*c) => last,
                    _ => Value::default(),
                }
            }
            Role::Match { value, body } => self.eval_match(
                table::child(node, value),
                table::child(node, body).unwrap_or(node),
                f,
            ),
            Role::Conditional {
                condition,
                consequence,
                alternative,
            } => {
                let condition = table::child(node, condition);
                let _ = self.eval_opt(condition, f);
                let truth = condition.and_then(|c| self.truth(c));
                let (then_clear, else_clear) =
                    condition.map(|c| self.guards(c)).unwrap_or_default();
                let mut value = Value::constant();
                for (branch, clear, skip) in [
                    (consequence, then_clear, truth == Some(false)),
                    (alternative, else_clear, truth == Some(true)),
                ] {
                    if skip {
                        continue;
                    }
                    let saved = f.env.clone();
                    apply_clear(&mut f.env, &clear, &self.globals);
                    let v = self.eval_opt(table::child(node, branch), f);
                    f.env = saved;
                    value.join(&v);
                }
                value
            }
            Role::If { .. } => {
                let (condition, consequence, alternatives) = self.if_parts(node);
                let value = self.eval_if(condition, &consequence, &alternatives, f);
                if self.table.expression_bodies {
                    value
                } else {
                    Value::default()
                }
            }
            Role::For { left, right, body } => {
                let value = self.eval_opt(table::child(node, right), f);
                if let Some(target) = table::child(node, left) {
                    self.assign(target, None, value.clone(), f);
                }
                if let Some(body) = table::child(node, body) {
                    let _ = self.eval(body, f);
                }
                Value::default()
            }
            Role::Pair { key, value } => {
                let k = table::child(node, key);
                if let Some(k) = k
                    && !matches!(
                        self.table.role(k),
                        Some(Role::Name | Role::Str | Role::Constant)
                    )
                {
                    let _ = self.eval(k, f);
                }
                let v = self.eval_opt(table::child(node, value), f);
                if let Some(k) = k {
                    let key_text = self.key_text(k);
                    self.check_assignment(
                        &key_text,
                        &key_text,
                        table::child(node, value),
                        &v,
                        node,
                        f,
                    );
                }
                v
            }
        }
    }

    /// The literal text a string literal starts with, before its first interpolation.
    fn literal_prefix(&self, node: Node<'t>) -> String {
        let mut prefix = String::new();
        let mut at = node.start_byte();
        for c in named_children(node) {
            if !matches!(self.table.role(c), Some(Role::Text)) {
                prefix.push_str(std::str::from_utf8(&self.text[at..c.start_byte()]).unwrap_or(""));
                return strip_quote(&prefix);
            }
            at = c.start_byte();
        }
        prefix.push_str(self.text_of(node));
        strip_quote(&prefix)
    }

    /// Whether the left operand of a concatenation fixes where a URL points: a literal path
    /// (`/posts/`) or origin (`https://example.com/`), or a value already safe for redirects.
    fn fixes_destination(&self, left: Node<'t>, value: &Value) -> bool {
        match self.table.role(left) {
            Some(Role::Str) => fixed_destination(&self.literal_prefix(left)),
            Some(Role::Binary { left: inner, .. }) => table::child(left, inner).is_some_and(|n| {
                matches!(self.table.role(n), Some(Role::Str))
                    && fixed_destination(&self.literal_prefix(n))
            }),
            _ => {
                !value.constant
                    && !value.taint.is_clean()
                    && value
                        .taint
                        .reaching(UNTRUSTED_CLASS, category_bit(601))
                        .is_none()
            }
        }
    }

    /// The right operand of a binary operator. `check || exit` and `check && continue` guard
    /// what follows: it runs only where the check held (or did not).
    fn eval_binary_right(
        &mut self,
        left: Option<Node<'t>>,
        right: Option<Node<'t>>,
        op: Option<&str>,
        f: &mut Frame,
    ) -> Value {
        let or = matches!(op, Some("||" | "or"));
        let guarded =
            (or || matches!(op, Some("&&" | "and"))) && right.is_some_and(|r| self.terminates(r));
        let Some(left) = left.filter(|_| guarded) else {
            return self.eval_opt(right, f);
        };
        let (then_clear, else_clear) = self.guards(left);
        let (runs, goes_on) = if or {
            (else_clear, then_clear)
        } else {
            (then_clear, else_clear)
        };
        let saved = f.env.clone();
        apply_clear(&mut f.env, &runs, &self.globals);
        let r = self.eval_opt(right, f);
        f.env = saved;
        apply_clear(&mut f.env, &goes_on, &self.globals);
        r
    }

    /// Whether the last child of a block is its value: an expression, not a statement ending
    /// with `;`.
    pub(super) fn is_tail(&self, node: Node<'t>) -> bool {
        !matches!(
            self.table.role(node),
            Some(Role::Comment | Role::Declare { .. } | Role::Function { .. } | Role::Skip)
        ) && !self.text_of(node).trim_end().ends_with(';')
    }

    /// The categories a declaration's type cleans (`let n: u32`, `id: i64`): those of the
    /// sanitisers its type names, when it is a plain name.
    pub(super) fn type_clears(&self, declaration: Node<'t>) -> u64 {
        let Some(ty) = table::child(declaration, self.table.type_field) else {
            return 0;
        };
        if !matches!(self.table.role(ty), Some(Role::Name | Role::ScopedName)) {
            return 0;
        }
        self.path(ty).map_or(0, |p| self.sanitized(&p, &[]))
    }

    fn is_augmented(&self, node: Node<'t>) -> bool {
        (0..node.child_count()).any(|i| {
            node.child(u32::try_from(i).expect("u32 children"))
                .filter(|c| !c.is_named())
                .is_some_and(|c| {
                    let op = self.text_of(c);
                    op.len() >= 2
                        && op.ends_with('=')
                        && !matches!(op, "==" | "!=" | "<=" | ">=" | ":=" | "===" | "!==")
                })
        })
    }
}

/// The name a text gives the value interpolated after it: `token=`, `X-Request-Nonce: `.
fn text_label(before: &str) -> Option<&str> {
    let rest = before.trim_end();
    let rest = rest.strip_suffix(['=', ':'])?.trim_end();
    let start = rest
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let label = &rest[start..];
    label
        .starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(label)
}

/// The text after a string literal's opening quote (and prefix letters such as `f`).
fn strip_quote(s: &str) -> String {
    s.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '@' || c == '$')
        .trim_start_matches(['"', '\'', '`'])
        .to_owned()
}

/// Whether a URL starting with `prefix` can only point where the prefix says: a path on this
/// site (`/x`, not `//host` or `/\\host`) or an absolute URL with its host and a path.
fn fixed_destination(prefix: &str) -> bool {
    let p = prefix;
    if let Some(rest) = p.strip_prefix('/') {
        return !rest.is_empty() && !rest.starts_with('/') && !rest.starts_with('\\');
    }
    for scheme in ["https://", "http://"] {
        if let Some(rest) = p.strip_prefix(scheme) {
            return rest.find('/').is_some_and(|i| i > 0);
        }
    }
    false
}
