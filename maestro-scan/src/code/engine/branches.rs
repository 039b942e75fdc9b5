//! Branches: `if`s and their constant conditions, and the guards a condition proves.

use std::collections::HashMap;

use super::{Clears, EQUALITY_METHODS, Engine, Frame, LOOKUPS, apply_clear, merge};
use crate::code::rules::GuardChecks;
use crate::code::table::{self, Role, named_children};
use crate::code::taint::Value;
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    /// The condition, the statements of the consequence and the alternatives (`else`,
    /// `elif`) of an `if`. Where the consequence and the alternatives are plain children
    /// (shell), the alternatives are the ones that are `if`s or `else` clauses.
    pub(super) fn if_parts(
        &self,
        node: Node<'t>,
    ) -> (Option<Node<'t>>, Vec<Node<'t>>, Vec<Node<'t>>) {
        let Some(Role::If {
            condition,
            consequence,
            alternative,
        }) = self.table.role(node)
        else {
            return (None, Vec::new(), Vec::new());
        };
        let condition_node = table::child(node, condition);
        if consequence == table::Field::Plain {
            let (alternatives, body): (Vec<Node<'t>>, Vec<Node<'t>>) =
                table::children(node, consequence)
                    .into_iter()
                    .filter(|c| Some(*c) != condition_node)
                    .partition(|c| {
                        matches!(self.table.role(*c), Some(Role::If { .. } | Role::Else))
                    });
            let alternatives = if alternative == table::Field::Plain {
                alternatives
            } else {
                table::children(node, alternative)
            };
            return (condition_node, body, alternatives);
        }
        (
            condition_node,
            table::child(node, consequence).into_iter().collect(),
            table::children(node, alternative),
        )
    }

    /// Walk an `if` and its `else`/`elif` branches; the value is the branches' (an `if` is
    /// an expression in some languages).
    pub(super) fn eval_if(
        &mut self,
        condition: Option<Node<'t>>,
        consequence: &[Node<'t>],
        alternatives: &[Node<'t>],
        f: &mut Frame,
    ) -> Value {
        let _ = self.eval_opt(condition, f);
        let truth = condition.and_then(|c| self.truth(c));
        let (then_clear, else_clear) = condition.map(|c| self.guards(c)).unwrap_or_default();
        let mut value = Value::default();

        let mut then_env = f.env.clone();
        apply_clear(&mut then_env, &then_clear, &self.globals);
        let mut then_ends = false;
        if truth != Some(false)
            && let Some(last) = consequence.last()
        {
            std::mem::swap(&mut f.env, &mut then_env);
            for body in consequence {
                value = self.eval(*body, f);
            }
            std::mem::swap(&mut f.env, &mut then_env);
            then_ends = self.terminates(*last);
        }

        let mut else_env = f.env.clone();
        apply_clear(&mut else_env, &else_clear, &self.globals);
        let mut else_ends = false;
        if truth != Some(true)
            && let Some((first, rest)) = alternatives.split_first()
        {
            std::mem::swap(&mut f.env, &mut else_env);
            let v = if let Some(Role::If { .. }) = self.table.role(*first) {
                let (condition, consequence, mut more) = self.if_parts(*first);
                more.extend_from_slice(rest);
                self.eval_if(condition, &consequence, &more, f)
            } else {
                let v = self.eval(*first, f);
                else_ends = self.terminates(*first);
                v
            };
            value.join(&v);
            std::mem::swap(&mut f.env, &mut else_env);
        }

        f.env = match truth {
            Some(true) => then_env,
            Some(false) => else_env,
            None if then_ends && !else_ends => else_env,
            None if else_ends && !then_ends => then_env,
            None => merge(then_env, else_env),
        };
        value
    }

    /// Walk a `match` (or a shell `case`): each arm binds its pattern to the matched value;
    /// an arm whose patterns are literals is an allow-list (the matched value is clean in it),
    /// and an arm that leaves (`return`, `exit`) rejects what its patterns match for the arms
    /// after it. The value is the arms' values; what the arms that go on bound is merged, with
    /// the matched value going on unchanged when no arm catches everything.
    pub(super) fn eval_match(
        &mut self,
        matched: Option<Node<'t>>,
        body: Node<'t>,
        f: &mut Frame,
    ) -> Value {
        let value = self.eval_opt(matched, f);
        let keys = matched.map(|m| self.compared_keys(m)).unwrap_or_default();
        let before = f.env.clone();
        let mut rejected: Clears = Vec::new();
        let mut out = Value::default();
        let mut after: Option<HashMap<String, Value>> = None;
        let mut exhaustive = false;
        for arm in named_children(body) {
            if Some(arm) == matched {
                continue;
            }
            let Some(Role::Arm {
                pattern,
                value: arm_value,
            }) = self.table.role(arm)
            else {
                let _ = self.eval(arm, f);
                continue;
            };
            f.env.clone_from(&before);
            apply_clear(&mut f.env, &rejected, &self.globals);
            let patterns = table::children(arm, pattern);
            let mut leaving: Clears = Vec::new();
            if !patterns.is_empty() && patterns.iter().all(|p| self.literal_pattern(*p)) {
                let clear: Vec<(String, u64)> =
                    keys.iter().map(|k| (k.clone(), u64::MAX)).collect();
                apply_clear(&mut f.env, &clear, &self.globals);
            } else {
                for p in &patterns {
                    exhaustive |= self.catch_all(*p);
                    self.bind_pattern(*p, &value, f);
                    if let Some(m) = matched {
                        let (then_clear, else_clear) = self.pattern_guards(m, "==", *p);
                        apply_clear(&mut f.env, &then_clear, &self.globals);
                        leaving.extend(else_clear);
                    }
                }
            }
            if let Some(guard) = patterns
                .first()
                .and_then(|p| p.child_by_field_name("condition"))
            {
                let _ = self.eval(guard, f);
                let (then_clear, _) = self.guards(guard);
                apply_clear(&mut f.env, &then_clear, &self.globals);
            }
            let nodes = table::children(arm, arm_value);
            let mut v = Value::default();
            for n in &nodes {
                v = self.eval(*n, f);
            }
            out.join(&v);
            if nodes.last().is_some_and(|n| self.terminates(*n)) {
                // What the patterns of an arm that leaves match does not reach the next arms.
                rejected.extend(leaving);
            } else {
                let env = std::mem::take(&mut f.env);
                after = Some(match after {
                    Some(a) => merge(a, env),
                    None => env,
                });
            }
        }
        if !exhaustive {
            let mut env = before.clone();
            apply_clear(&mut env, &rejected, &self.globals);
            after = Some(match after {
                Some(a) => merge(a, env),
                None => env,
            });
        }
        f.env = after.unwrap_or(before);
        out
    }

    /// Whether a pattern matches every value: `_`, `*`, or a bare binding.
    fn catch_all(&self, node: Node<'t>) -> bool {
        let text = self.text_of(node).trim();
        text == "_" || text == "*" || matches!(self.table.role(node), Some(Role::Name))
    }

    /// What `subject op pattern` proves (`==`, `!=`, `=~`). Shell's `[[ ! $x =~ re ]]` reads
    /// as `(! $x) =~ re`, and `[[ a =~ r1 && b =~ r2 ]]` as `((a =~ r1) && b) =~ r2`: both are
    /// read as written.
    fn comparison_guards(
        &self,
        subject: Node<'t>,
        op: &str,
        pattern: Node<'t>,
    ) -> (Clears, Clears) {
        let mut negated = op.starts_with('!');
        let mut subject = subject;
        if let Some(Role::Not { argument }) = self.table.role(subject)
            && self.text_of(subject).starts_with('!')
            && let Some(inner) = table::child(subject, argument)
        {
            subject = inner;
            negated = !negated;
        }
        if let Some(Role::Binary { left, right }) = self.table.role(subject)
            && let Some(inner_op) = self.operator(subject)
            && matches!(inner_op.as_str(), "&&" | "||")
            && let (Some(first), Some(last)) =
                (table::child(subject, left), table::child(subject, right))
        {
            let a = self.guards(first);
            let b = self.comparison_guards(last, op, pattern);
            return if inner_op == "&&" {
                (a.0.into_iter().chain(b.0).collect(), Vec::new())
            } else {
                (Vec::new(), a.1.into_iter().chain(b.1).collect())
            };
        }
        let compared = if op == "=~" { "=~" } else { "==" };
        let (t, e) = self.pattern_guards(subject, compared, pattern);
        if negated { (e, t) } else { (t, e) }
    }

    /// What comparing `subject` with a pattern (`[[ $x == *..* ]]`, `[[ $x =~ ^[0-9]+$ ]]`, a
    /// `case` pattern) proves, by the rule file's pattern guards, and an equality with a
    /// literal (an allow-list of one): the keys clean where it matched and where it did not.
    pub(super) fn pattern_guards(
        &self,
        subject: Node<'t>,
        op: &str,
        pattern: Node<'t>,
    ) -> (Clears, Clears) {
        let mut then_clear = Vec::new();
        let mut else_clear = Vec::new();
        let keys = self.compared_keys(subject);
        if keys.is_empty() {
            return (then_clear, else_clear);
        }
        let text = format!("{op} {}", self.text_of(pattern).trim());
        for guard in &self.pack.guards {
            if guard.patterns.iter().any(|p| p.matches_text(&text)) {
                for key in &keys {
                    if guard.negated {
                        else_clear.push((key.clone(), guard.cleared));
                    } else {
                        then_clear.push((key.clone(), guard.cleared));
                    }
                }
            }
        }
        if matches!(op, "==" | "=" | "===") && self.literal_pattern(pattern) {
            then_clear.extend(keys.iter().map(|k| (k.clone(), u64::MAX)));
        }
        (then_clear, else_clear)
    }

    /// Whether a pattern matches only literals (`"a" | "b"`, `1..=9`), not a binding or `_`.
    fn literal_pattern(&self, node: Node<'t>) -> bool {
        let mut literal = false;
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match self.table.role(n) {
                Some(Role::Str | Role::Constant | Role::ScopedName) => {
                    let text = self.text_of(n);
                    let quoted = text.starts_with(['"', '\'']);
                    if !quoted && text.contains(['*', '?', '[']) {
                        return false;
                    }
                    if matches!(self.table.role(n), Some(Role::Str))
                        && named_children(n)
                            .any(|c| !matches!(self.table.role(c), Some(Role::Text)))
                    {
                        return false;
                    }
                    literal = true;
                }
                Some(Role::Text | Role::Comment) => {}
                Some(_) => return false,
                None => {
                    if Some(n) != node.child_by_field_name("condition") {
                        stack.extend(named_children(n));
                    }
                }
            }
        }
        literal
    }

    /// Bind every name a pattern introduces (`Some(x)`, `(a, b)`, `Ok(Json(v))`) to `value`;
    /// the type a tuple-struct pattern names (`Some`) and a guard (`if ...`) bind nothing.
    pub(super) fn bind_pattern(&mut self, node: Node<'t>, value: &Value, f: &mut Frame) {
        match self.table.role(node) {
            Some(Role::Name) => {
                let name = self.text_of(node).to_owned();
                let mut v = value.clone();
                v.taint.step(node.start_byte(), &name);
                self.bound.remove(&name);
                f.env.insert(name, v);
            }
            Some(Role::Comment | Role::Str | Role::Constant | Role::ScopedName | Role::Text) => {}
            _ => {
                let skip = [
                    table::child(node, self.table.type_field),
                    node.child_by_field_name("condition"),
                ];
                for c in named_children(node) {
                    if !skip.contains(&Some(c)) {
                        self.bind_pattern(c, value, f);
                    }
                }
            }
        }
    }

    /// Whether control never goes on after `node` (it ends with return, raise, abort...).
    pub(super) fn terminates(&self, node: Node<'t>) -> bool {
        match self.table.role(node) {
            Some(Role::Return | Role::Terminate) => true,
            // Shell: `exit 1`, `continue`, `return`.
            Some(Role::Command { .. }) => self.call_site(node).is_some_and(|site| {
                matches!(
                    site.path.as_deref(),
                    Some("exit" | "return" | "continue" | "break" | "exec" | "die" | "abort")
                )
            }),
            Some(Role::Call { .. } | Role::MethodCall { .. }) => self.path(node).is_some_and(|p| {
                let p = p.trim_end_matches("()");
                matches!(
                    p.rsplit('.').next().unwrap_or(""),
                    "abort"
                        | "exit"
                        | "_exit"
                        | "Exit"
                        | "die"
                        | "panic"
                        | "Fatal"
                        | "Fatalf"
                        | "redirect"
                        | "halt"
                        | "raise"
                )
            }),
            Some(Role::If { .. }) => false,
            Some(Role::Match { body, .. }) => table::child(node, body).is_some_and(|b| {
                let mut arms = named_children(b).peekable();
                arms.peek().is_some() && arms.all(|a| self.terminates(a))
            }),
            Some(Role::Arm { value, .. }) => {
                table::child(node, value).is_some_and(|v| self.terminates(v))
            }
            _ => named_children(node)
                .last()
                .is_some_and(|c| self.terminates(c)),
        }
    }

    /// The truth of a condition that cannot change: a literal, `not` of one, or a module-level
    /// name bound to one.
    pub(super) fn truth(&self, node: Node<'t>) -> Option<bool> {
        match self.table.role(node) {
            Some(Role::Constant) => match self.text_of(node) {
                "false" | "False" | "FALSE" | "0" | "None" | "nil" | "null" | "NULL"
                | "undefined" => Some(false),
                "true" | "True" | "TRUE" | "1" => Some(true),
                _ => None,
            },
            Some(Role::Not { argument }) => {
                let op = self.text_of(node);
                if op.starts_with('!') || op.starts_with("not") {
                    table::child(node, argument)
                        .and_then(|a| self.truth(a))
                        .map(|t| !t)
                } else {
                    None
                }
            }
            Some(Role::Binary { left, right }) => {
                let op = self.operator(node)?;
                let l = table::child(node, left).and_then(|n| self.truth(n));
                let r = table::child(node, right).and_then(|n| self.truth(n));
                match op.as_str() {
                    "and" | "&&" => match (l, r) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (Some(true), Some(true)) => Some(true),
                        _ => None,
                    },
                    "or" | "||" => match (l, r) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    },
                    _ => None,
                }
            }
            Some(Role::Name) => self.constants.get(self.text_of(node)).copied(),
            // The shell commands `true` and `false`.
            Some(Role::Command { .. }) => match self.text_of(node).trim() {
                "false" => Some(false),
                "true" => Some(true),
                _ => None,
            },
            None => {
                let mut c = named_children(node);
                match (c.next(), c.next()) {
                    (Some(only), None) => self.truth(only),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The operator of a binary node: its first unnamed child between the operands.
    pub(super) fn operator(&self, node: Node<'t>) -> Option<String> {
        (0..node.child_count())
            .filter_map(|i| node.child(u32::try_from(i).expect("u32 children")))
            .find(|c| !c.is_named() && !matches!(self.text_of(*c), "(" | ")"))
            .map(|c| self.text_of(c).to_owned())
    }

    /// What a condition proves when it holds and when it does not: the keys it validates.
    pub(super) fn guards(&self, node: Node<'t>) -> (Clears, Clears) {
        let mut then_clear = Vec::new();
        let mut else_clear = Vec::new();
        match self.table.role(node) {
            Some(Role::Not { argument }) => {
                let negation =
                    self.text_of(node).starts_with('!') || self.text_of(node).starts_with("not");
                if negation && let Some(a) = table::child(node, argument) {
                    let (t, e) = self.guards(a);
                    return (e, t);
                }
            }
            Some(Role::Comparison) => {
                let operands: Vec<Node<'t>> = named_children(node).collect();
                let ops: Vec<&str> = (0..node.child_count())
                    .filter_map(|i| node.child(u32::try_from(i).expect("u32 children")))
                    .filter(|c| !c.is_named())
                    .map(|c| self.text_of(c))
                    .collect();
                if operands.len() == 2 {
                    for key in self.validated_keys(operands[0]) {
                        if ops == ["in"] {
                            then_clear.push((key, u64::MAX));
                        } else if ops == ["not", "in"] || ops == ["not in"] {
                            else_clear.push((key, u64::MAX));
                        }
                    }
                }
            }
            Some(Role::Binary { left, right }) => {
                let op = self.operator(node).unwrap_or_default();
                if matches!(op.as_str(), "==" | "===" | "!=" | "!==" | "=" | "=~")
                    && let (Some(subject), Some(pattern)) =
                        (table::child(node, left), table::child(node, right))
                {
                    let (t, e) = self.comparison_guards(subject, &op, pattern);
                    then_clear.extend(t);
                    else_clear.extend(e);
                    if op == "=~" || op == "=" {
                        return (then_clear, else_clear);
                    }
                }
                if matches!(op.as_str(), "==" | "===" | "!=" | "!==" | "is" | "equals") {
                    for side in [left, right] {
                        for (key, mask) in self.member_comparison(table::child(node, side)) {
                            if op.starts_with('!') {
                                else_clear.push((key, mask));
                            } else {
                                then_clear.push((key, mask));
                            }
                        }
                    }
                    return (then_clear, else_clear);
                }
                let l = table::child(node, left)
                    .map(|n| self.guards(n))
                    .unwrap_or_default();
                let r = table::child(node, right)
                    .map(|n| self.guards(n))
                    .unwrap_or_default();
                match op.as_str() {
                    "and" | "&&" => {
                        then_clear.extend(l.0);
                        then_clear.extend(r.0);
                    }
                    "or" | "||" => {
                        else_clear.extend(l.1);
                        else_clear.extend(r.1);
                    }
                    _ => {}
                }
            }
            Some(Role::Call { .. } | Role::MethodCall { .. }) => {
                if let Some(site) = self.call_site(node)
                    && let Some(path) = &site.path
                {
                    // `"https".equals(x)`, `x.equals(ALLOWED.get(k))`: where it held, the other
                    // side equals a literal.
                    if site
                        .method
                        .as_deref()
                        .is_some_and(|m| EQUALITY_METHODS.contains(&m))
                        && let ([arg], Some(receiver)) = (site.args.as_slice(), site.receiver)
                    {
                        for (literal, side) in [(receiver, *arg), (*arg, receiver)] {
                            if self.is_literal(literal) {
                                // Not through a getter (`c.getName().equals("id")` says
                                // nothing of `c.getValue()`), unless a guard lists it.
                                if !matches!(
                                    self.table.role(side),
                                    Some(Role::Call { .. } | Role::MethodCall { .. })
                                ) {
                                    for key in self.compared_keys(side) {
                                        then_clear.push((key, u64::MAX));
                                    }
                                }
                                then_clear.extend(self.member_comparison(Some(side)));
                            }
                        }
                    }
                    for guard in &self.pack.guards {
                        if guard.compared || !guard.calls.iter().any(|p| p.matches(path)) {
                            continue;
                        }
                        if !guard.values.is_empty()
                            && !site
                                .args
                                .first()
                                .is_some_and(|a| self.value_matches(*a, &guard.values))
                        {
                            continue;
                        }
                        let checked: Vec<Node<'t>> = match guard.checks {
                            GuardChecks::Receiver => site.receiver.into_iter().collect(),
                            GuardChecks::Argument => site
                                .args
                                .first()
                                .map(|a| self.arg_value_node(*a))
                                .into_iter()
                                .collect(),
                            GuardChecks::AnyArgument => {
                                site.args.iter().map(|a| self.arg_value_node(*a)).collect()
                            }
                        };
                        for n in checked {
                            for key in self.validated_keys(n) {
                                if guard.negated {
                                    else_clear.push((key, guard.cleared));
                                } else {
                                    then_clear.push((key, guard.cleared));
                                }
                            }
                        }
                    }
                }
            }
            Some(Role::Name) => {
                if let Some(g) = self.conditions.get(self.text_of(node)) {
                    return g.clone();
                }
            }
            Some(Role::Member { object, property }) => {
                // `if parts.netloc:` — where the member is empty, the value has no host.
                let property = table::child(node, property).map(|p| self.text_of(p));
                for guard in &self.pack.guards {
                    if property.is_some_and(|p| guard.members.iter().any(|m| m == p))
                        && let Some(object) = table::child(node, object)
                    {
                        for key in self.validated_keys(object) {
                            else_clear.push((key, guard.cleared));
                        }
                    }
                }
            }
            None => {
                let mut c = named_children(node);
                if let (Some(only), None) = (c.next(), c.next()) {
                    return self.guards(only);
                }
            }
            _ => {}
        }
        (then_clear, else_clear)
    }

    /// `x.origin == ...` (a member a guard lists) validates `x` — or the value a `new URL(x)`
    /// was built from; so does `dirname(x) == BASE` for a `compared` guard call.
    pub(super) fn member_comparison(&self, side: Option<Node<'t>>) -> Clears {
        let mut out = Vec::new();
        let Some(side) = side else { return out };
        if matches!(
            self.table.role(side),
            Some(Role::Call { .. } | Role::MethodCall { .. })
        ) && let Some(site) = self.call_site(side)
            && let Some(path) = &site.path
        {
            for guard in &self.pack.guards {
                if guard.compared && guard.calls.iter().any(|p| p.matches(path)) {
                    let mut nodes: Vec<Node<'t>> = site.receiver.into_iter().collect();
                    for a in &site.args {
                        if matches!(self.table.role(*a), Some(Role::Container)) {
                            nodes.extend(named_children(*a));
                        } else {
                            nodes.push(*a);
                        }
                    }
                    for n in nodes {
                        for key in self.validated_keys(n) {
                            out.push((key, guard.cleared));
                        }
                    }
                }
            }
        }
        // `x.host`, or a getter `x.getHost()`.
        let (object, property) = match self.table.role(side) {
            Some(Role::Member { object, property }) => (
                table::child(side, object),
                table::child(side, property).map(|p| self.text_of(p)),
            ),
            Some(Role::Call { .. } | Role::MethodCall { .. }) => match self.call_site(side) {
                Some(site) if site.args.is_empty() && site.receiver.is_some() => (
                    site.receiver,
                    site.callee.map(|c| {
                        let text = self.text_of(c);
                        text.rsplit('.').next().unwrap_or(text)
                    }),
                ),
                _ => (None, None),
            },
            _ => (None, None),
        };
        let Some(property) = property else {
            return out;
        };
        for guard in &self.pack.guards {
            if guard.members.iter().any(|m| m == property)
                && let Some(object) = object
            {
                for key in self.validated_keys(object) {
                    out.push((key, guard.cleared));
                }
            }
        }
        out
    }

    /// The keys a check validates: the checked value's own; for `new URL(x).host` or
    /// `parse(x).host`, the key of `x`; for a name bound to `parse(x)`, also the key of `x`.
    pub(super) fn validated_keys(&self, node: Node<'t>) -> Vec<String> {
        if let Some(key) = self.key(node) {
            let mut keys = vec![key];
            if let Some(from) = self.derived.get(&keys[0]) {
                keys.push(from.clone());
            }
            return keys;
        }
        match self.table.role(node) {
            Some(Role::Member { object, .. }) => table::child(node, object)
                .map(|o| self.validated_keys(o))
                .unwrap_or_default(),
            // `parse(x)`, and a method of `x` that converts it (`x.as_str()`, `x.trim()`).
            Some(Role::New { .. } | Role::Call { .. } | Role::MethodCall { .. }) => self
                .call_site(node)
                .map(|site| {
                    let from_arg = site
                        .args
                        .first()
                        .map(|a| self.validated_keys(*a))
                        .unwrap_or_default();
                    if from_arg.is_empty()
                        && let Some(r) = site.receiver
                    {
                        self.validated_keys(r)
                    } else {
                        from_arg
                    }
                })
                .unwrap_or_default(),
            Some(Role::Str | Role::Interpolation | Role::Expansion) => self.compared_keys(node),
            // `&x`, `(x)`, `x?`: the value inside.
            None => {
                let mut c = named_children(node);
                match (c.next(), c.next()) {
                    (Some(only), None) => self.validated_keys(only),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// The keys of a value compared as it is: `x`, `"$x"`, `${x}`, `x.as_str()` (not a value
    /// computed from it, such as `len(x)`).
    pub(super) fn compared_keys(&self, node: Node<'t>) -> Vec<String> {
        if let Some(key) = self.key(node) {
            return vec![key];
        }
        let only = |n: Node<'t>| -> Option<Node<'t>> {
            let mut c =
                named_children(n).filter(|c| !matches!(self.table.role(*c), Some(Role::Text)));
            match (c.next(), c.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        };
        match self.table.role(node) {
            Some(Role::Str) => {
                // `"$x"`, not `"a$x"`.
                let inner = only(node);
                let bare = inner.is_some_and(|i| {
                    self.text_of(node).trim_matches(['"', '\'']) == self.text_of(i)
                });
                match inner {
                    Some(i) if bare => self.compared_keys(i),
                    _ => Vec::new(),
                }
            }
            Some(Role::Interpolation) | None => only(node)
                .map(|c| self.compared_keys(c))
                .unwrap_or_default(),
            Some(Role::Expansion | Role::Call { .. } | Role::MethodCall { .. }) => self
                .call_site(node)
                .filter(|site| site.args.is_empty() || site.path.as_deref() == Some("${}"))
                .and_then(|site| site.receiver)
                .map(|r| self.compared_keys(r))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Whether a value is a literal as written: a string without interpolation, a number, a
    /// name bound to a literal for the whole file, or a lookup in a literal table
    /// (`ALLOWED.get(k)`).
    fn is_literal(&self, node: Node<'t>) -> bool {
        match self.table.role(node) {
            Some(Role::Str) => {
                named_children(node).all(|c| matches!(self.table.role(c), Some(Role::Text)))
            }
            Some(Role::Constant) => true,
            Some(Role::Name) => self
                .globals
                .get(self.text_of(node))
                .is_some_and(|v| v.constant),
            Some(Role::Call { .. } | Role::MethodCall { .. }) => {
                self.call_site(node).is_some_and(|site| {
                    site.method.as_deref().is_some_and(|m| LOOKUPS.contains(&m))
                        && site.receiver.is_some_and(|r| self.is_literal(r))
                })
            }
            _ => false,
        }
    }

    pub(super) fn arg_value_node(&self, arg: Node<'t>) -> Node<'t> {
        match self.table.role(arg) {
            Some(Role::KeywordArgument { value, .. }) => table::child(arg, value).unwrap_or(arg),
            _ => arg,
        }
    }
}
