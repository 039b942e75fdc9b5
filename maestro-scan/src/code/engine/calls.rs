//! Calls: what a call is whatever its syntax (a [`CallSite`]), and the value it evaluates to:
//! sources, request-data callbacks, the rules checked on it, the summaries of the file's own
//! functions applied to its arguments, sanitisers, lookups in literal tables, callbacks and
//! mutators that store their arguments into their receiver.

use super::{
    Arg, COLLECTION_FACTORIES, CallSite, Engine, Frame, LOOKUPS, MUTATORS, Role, WRITERS,
    names_match, reaching,
};
use crate::code::rules::category_bit;
use crate::code::table::{self, named_children};
use crate::code::taint::{Flow, Taint, Value};
use tree_sitter::Node;

impl<'t> Engine<'t, '_> {
    pub(super) fn call_site(&self, node: Node<'t>) -> Option<CallSite<'t>> {
        let args_list = |l: Node<'t>| l.kind().contains("argument") || l.kind() == "arguments";
        let args_of = |list: Option<Node<'t>>| -> Vec<Node<'t>> {
            match list {
                Some(l) if args_list(l) => named_children(l).collect(),
                Some(l) => vec![l],
                None => Vec::new(),
            }
        };
        let site = match self.table.role(node)? {
            Role::Call { callee, arguments } => {
                let callee = table::child(node, callee)?;
                let args = if arguments == table::Field::Rest {
                    table::children(node, arguments)
                } else {
                    args_of(table::child(node, arguments))
                };
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
                    args,
                    input: Vec::new(),
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
                // A call's last child stands for its arguments: when that is a block
                // (`XPath.each(doc, q) { |n| .. }`), the argument list before it counts too.
                let list = table::child(node, arguments);
                let mut args = Vec::new();
                if arguments == table::Field::Last
                    && let Some(l) = list
                    && !args_list(l)
                    && let Some(before) = l.prev_named_sibling()
                    && args_list(before)
                {
                    args = args_of(Some(before));
                }
                args.extend(args_of(list));
                CallSite {
                    node,
                    callee: Some(method_node),
                    receiver,
                    path: Some(path),
                    method: Some(method),
                    args,
                    input: Vec::new(),
                }
            }
            Role::Command {
                name,
                argument,
                input,
            } => {
                let name = table::child(node, name)?;
                // `$cmd args`: the program is data, a call of `$` with the expansion as
                // receiver (not `"${cmd[@]}"`, an array whose first element is the program).
                let text = self.text_of(name);
                let computed = !named_children(name)
                    .all(|c| matches!(self.table.role(c), Some(Role::Constant)))
                    && !text.contains("[@]")
                    && !text.contains("[*]");
                let path = if computed { "$" } else { text };
                CallSite {
                    node,
                    callee: Some(name),
                    receiver: computed.then_some(name),
                    path: Some(path.to_owned()),
                    method: Some(text.to_owned()),
                    args: table::children(node, argument),
                    input: table::children(node, input),
                }
            }
            Role::Expansion => {
                let mut parts = named_children(node);
                let variable = parts.next()?;
                let mut cursor = node.walk();
                let op = node
                    .children(&mut cursor)
                    .filter(|c| !c.is_named())
                    .map(|c| self.text_of(c))
                    .find(|t| !matches!(*t, "${" | "}" | "$" | "\"\""))
                    .unwrap_or("");
                let path = format!("${{{op}}}");
                CallSite {
                    node,
                    callee: None,
                    receiver: Some(variable),
                    path: Some(path.clone()),
                    method: Some(path),
                    args: parts.collect(),
                    input: Vec::new(),
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
                    input: Vec::new(),
                }
            }
            Role::Builtin(name) => CallSite {
                node,
                callee: None,
                receiver: None,
                path: Some(name.to_owned()),
                method: Some(name.to_owned()),
                args: named_children(node).collect(),
                input: Vec::new(),
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
        // What a pipe or a here-string feeds a command.
        let piped = self.pipe_input.take();
        let fed = piped.is_some() || !site.input.is_empty();
        let mut stdin = piped.unwrap_or_else(Value::constant);
        for n in &site.input {
            let v = self.eval(*n, f);
            stdin.join(&v);
        }
        if !fed {
            stdin.constant = false;
        }
        let mut receiver = match site.receiver {
            Some(r) => self.eval(r, f),
            None => Value::default(),
        };
        // A callee that is itself an expression (`f(a)(b)`, `(function () {...})()`, the first
        // element of a Rust tuple): its data is part of the result.
        if let Some(callee) = site.callee
            && site.receiver.is_none()
            && !matches!(
                self.table.role(callee),
                Some(Role::Name | Role::ScopedName | Role::Member { .. })
            )
            && matches!(self.table.role(node), Some(Role::Call { .. }))
        {
            let v = self.eval(callee, f);
            receiver.taint.join(&v.taint);
        }
        let method_name = site.method.clone().unwrap_or_default();
        let element_callback =
            site.receiver.is_some() && self.table.element_callbacks.contains(&method_name.as_str());
        let macro_call = self.table.format_captures
            && site
                .callee
                .is_some_and(|c| self.text.get(c.end_byte()) == Some(&b'!'));
        let source = self.source_taint(&path, node);
        // Callbacks of a web framework's routing calls get request parameters.
        let callback =
            self.pack.parameter_sources.iter().position(|s| {
                !s.callbacks.is_empty() && s.callbacks.iter().any(|p| p.matches(&path))
            });
        // `format!("/srv/{}", x)`: the arguments of a format string that do not start it.
        let format_at = if macro_call {
            site.args
                .iter()
                .position(|a| matches!(self.table.role(*a), Some(Role::Str)))
        } else {
            None
        };
        let format_leads = format_at.is_some_and(|i| {
            let text = self.text_of(site.args[i]);
            let content = text.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '#');
            let content = content.trim_start_matches('"');
            content.starts_with('{') && !content.starts_with("{{")
        });
        // `base.join(name)`, `os.path.join(base, name)`: path parts after the first.
        let joins = matches!(
            method_name.as_str(),
            "join" | "push" | "resolve" | "joinpath" | "Combine"
        ) && site
            .receiver
            .is_some_and(|r| !matches!(self.table.role(r), Some(Role::Str)));
        let mut args: Vec<Arg<'t>> = Vec::with_capacity(site.args.len());
        for (position, a) in site.args.iter().enumerate() {
            if matches!(self.table.role(*a), Some(Role::Comment)) {
                continue;
            }
            if callback.is_some() && matches!(self.table.role(*a), Some(Role::Function { .. })) {
                self.callback_source = callback;
            }
            if element_callback && matches!(self.table.role(*a), Some(Role::Function { .. })) {
                self.callback_value = Some(receiver.clone());
            }
            let (name, value_node) = match self.table.role(*a) {
                Some(Role::KeywordArgument { name, value }) => (
                    table::child(*a, name).map(|n| self.text_of(n).to_owned()),
                    table::child(*a, value).unwrap_or(*a),
                ),
                _ => (None, *a),
            };
            let mut value = self.eval(value_node, f);
            self.callback_source = None;
            self.callback_value = None;
            if let Some(at) = format_at
                && position > at
                && !(format_leads && position == at + 1)
            {
                value.taint.append();
            }
            if joins && (position > 0 || site.receiver.is_some()) && name.is_none() {
                value.taint.append();
            }
            if macro_call && matches!(self.table.role(value_node), Some(Role::Str)) {
                for (k, name) in format_captures(self.text_of(value_node))
                    .into_iter()
                    .enumerate()
                {
                    if let Some(v) = f.env.get(name).or_else(|| self.globals.get(name)) {
                        let mut v = v.clone();
                        if !(format_leads && k == 0) {
                            v.taint.append();
                        }
                        value.join(&v);
                        value.constant = false;
                    }
                }
            }
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
        let pack = self.pack;
        if let Some(s) = pack
            .index
            .sources
            .candidates(&path)
            .map(|i| &pack.sources[i])
            .find(|s| s.assigns_arguments && s.patterns.iter().any(|p| p.matches(&path)))
        {
            for a in &args {
                // `read -r name`: a plain word names the variable (shell).
                let word = matches!(self.table.role(a.node), Some(Role::Constant))
                    && self
                        .text_of(a.node)
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_');
                let target = if word {
                    Some(a.node)
                } else {
                    self.first_name(a.node)
                };
                if let Some(t) = target {
                    let name = self.text_of(t).to_owned();
                    if name.starts_with('-') || name.starts_with(|c: char| c.is_ascii_digit()) {
                        continue;
                    }
                    // `read x <<'EOF'`: what it is fed is known and constant.
                    if fed && stdin.constant {
                        f.env.insert(name, Value::constant());
                        continue;
                    }
                    let label = s.label.clone().unwrap_or_else(|| self.label(node));
                    let taint = Taint::source(s.class, label, node.start_byte(), None);
                    f.env.insert(name, Value::tainted(taint));
                }
            }
        }

        // Rules on this call (a call that sanitises a category is no taint sink of it).
        let cleans = self.call_sanitized(&site, &path);
        for i in pack.index.rule_calls.candidates(&path) {
            let rule = &pack.rules[i];
            if !rule.calls.is_empty()
                && (rule.class.is_none() || cleans & category_bit(rule.cwe) == 0)
                && rule.calls.iter().any(|p| p.matches(&path))
            {
                self.check_call(i, rule, &site, (&receiver, &stdin), &args, f);
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
            let positional = self.table.positional_parameters;
            let arg_for = |i: usize| -> Option<&Arg<'t>> {
                if positional {
                    return args.iter().filter(|a| a.name.is_none()).nth(i);
                }
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
                    if sink.appended {
                        taint.append();
                    }
                    taint.step(node.start_byte(), &call_label);
                    let rule = &self.pack.rules[sink.rule];
                    let Some(class) = rule.class else { continue };
                    if let Some(flow) = reaching(rule, class, &taint) {
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
                            if flow.appended {
                                t.append();
                            }
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
        let cleaned = self.call_sanitized(&site, &path);
        if cleaned != 0 {
            let mut taint = receiver.taint.clone();
            taint.join(&stdin.taint);
            for a in &args {
                taint.join(&a.value.taint);
            }
            taint.clear(cleaned);
            // `cookie.set_secure(true);` as a statement hardens its receiver.
            if let Some(key) = site.receiver.and_then(|r| self.key(r))
                && node
                    .parent()
                    .is_some_and(|p| p.kind() == "expression_statement")
                && let Some(v) = f.env.get_mut(&key)
            {
                v.taint.clear(cleaned);
            }
            return Value::tainted(taint);
        }
        let method = site.method.as_deref().unwrap_or("");
        if receiver.constant && site.receiver.is_some() && LOOKUPS.contains(&method) {
            return Value::constant();
        }
        if args.iter().all(|a| a.value.constant)
            && COLLECTION_FACTORIES
                .iter()
                .any(|c| path == *c || path.strip_suffix(c).is_some_and(|head| head.ends_with('.')))
        {
            return Value::constant();
        }
        // `rng.fill_bytes(&mut buf)`, `reader.read_line(&mut s)`: the receiver's data is
        // written into the argument.
        if WRITERS.contains(&method) && !receiver.taint.is_clean() {
            for a in &args {
                if let Some(key) = self.written_key(a.node) {
                    let mut stored = f.env.get(&key).cloned().unwrap_or_default();
                    stored.taint.join(&receiver.taint);
                    stored.constant = false;
                    stored.taint.step(node.start_byte(), &key);
                    f.env.insert(key, stored);
                }
            }
        }
        // `opt.filter(|v| check(v))`: what passes the callback's check is clean for what the
        // check proves.
        if element_callback
            && FILTERS.contains(&method)
            && let Some(callback) = args.first().map(|a| a.node)
            && let Some(cleared) = self.callback_check(callback)
        {
            let mut taint = receiver.taint.clone();
            taint.clear(cleared);
            return Value::tainted(taint);
        }
        // `items.map(fn)`: what the callback returns for each element.
        let transform = matches!(method, "map" | "flatMap" | "flat_map")
            || (element_callback && TRANSFORMS.contains(&method));
        if transform
            && let Some(callback) = args.first().map(|a| a.node)
            && matches!(self.table.role(callback), Some(Role::Function { .. }))
            && let Some(summary) = self.summary_in(callback, Some(&f.env.clone()))
        {
            let mut result = Taint::default();
            for flow in &summary.returns.flows {
                if flow.origin.param == Some(0) {
                    let mut t = receiver.taint.clone();
                    t.clear(flow.cleared);
                    if flow.appended {
                        t.append();
                    }
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
        taint.join(&stdin.taint);
        let opaque_call = self.opaque(&path);
        if opaque_call {
            taint = Taint::default();
        }
        // Functions of the application's other modules are opaque: what they return is not
        // their arguments (a user looked up by name is not the name).
        let opaque = path.starts_with('.') || path.starts_with('/') || opaque_call;
        if !opaque {
            for a in &args {
                taint.join(&a.value.taint);
                // A callback's results flow into the call's (`_.times(8, () => random())`).
                if matches!(self.table.role(a.node), Some(Role::Function { .. }))
                    && let Some(summary) = self.summary_in(a.node, Some(&f.env.clone()))
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
                let mut v = a.value.clone();
                v.taint.append();
                stored.join(&v);
            }
            stored.constant = false;
            stored.taint.step(node.start_byte(), &key);
            f.env.insert(key, stored);
        }
        Value::tainted(taint)
    }
}

/// Element methods whose result is what their callback returns for the receiver's data.
const TRANSFORMS: &[&str] = &[
    "and_then",
    "filter_map",
    "find_map",
    "map_while",
    "then",
    "map_ok",
];

/// Element methods whose result is the receiver's data that passed their callback's check.
const FILTERS: &[&str] = &["filter", "find", "take_while", "skip_while"];

/// The `{name}` placeholders of a format string (`"{name}"`, `"{name:>8}"`), not `{{` or
/// positional ones.
fn format_captures(literal: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = literal;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        let end = rest.find(['}', ':']).unwrap_or(rest.len());
        let name = rest[..end].trim();
        if name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            names.push(name);
        }
        rest = &rest[end..];
    }
    names
}

impl<'t> Engine<'t, '_> {
    /// The categories the sanitisers of a call clean: a sanitiser's `values` are matched
    /// against the first argument, or any argument of a command (`tr -cd ...`).
    /// Whether `path` names a call whose result carries none of its arguments' data.
    fn opaque(&self, path: &str) -> bool {
        let pack = self.pack;
        pack.index
            .opaque
            .candidates(path)
            .any(|i| pack.opaque[i].matches(path))
    }

    fn call_sanitized(&self, site: &CallSite<'t>, path: &str) -> u64 {
        let mut mask = self.sanitized(path, &site.args);
        if matches!(self.table.role(site.node), Some(Role::Command { .. })) {
            for a in &site.args {
                mask |= self.sanitized(path, std::slice::from_ref(a));
            }
        }
        mask
    }

    /// The variable a call writes into through an argument (`&mut buf`, `buf`).
    fn written_key(&self, arg: Node<'t>) -> Option<String> {
        self.key(arg).or_else(|| {
            if self.table.role(arg).is_none() {
                named_children(arg).last().and_then(|c| self.key(c))
            } else {
                None
            }
        })
    }

    /// What a one-parameter callback's check proves about its parameter (`|t|
    /// t.starts_with('/')`): the categories its body, a condition, cleans the parameter for.
    fn callback_check(&self, callback: Node<'t>) -> Option<u64> {
        let Some(Role::Function { body, .. }) = self.table.role(callback) else {
            return None;
        };
        let (param, _) = self.parameters(callback).into_iter().next()?;
        let mut body = table::child(callback, body)?;
        // A block whose only content is the condition.
        while matches!(self.table.role(body), Some(Role::Block)) {
            let mut c = named_children(body);
            match (c.next(), c.next()) {
                (Some(only), None) => body = only,
                _ => return None,
            }
        }
        let (then_clear, _) = self.guards(body);
        let cleared = then_clear
            .iter()
            .filter(|(k, _)| k.trim_start_matches(['*', '&']) == param)
            .fold(0, |m, (_, c)| m | c);
        (cleared != 0).then_some(cleared)
    }
}
