//! The engine: one walk of a syntax tree through its language's [`Table`], evaluating every
//! expression to a [`Value`] (its taint and whether it is a literal), binding variables,
//! following branches (skipping those that cannot run, refining values under allow-list and
//! validation guards), summarising the file's own functions on demand, and checking every call,
//! assignment and return against the rules of the language's [`Pack`].

use std::collections::HashMap;
use std::rc::Rc;

use tree_sitter::Node;

use super::imports;
use super::rules::{CodeRule, GuardChecks, KeywordValue, Pack, ParameterSource, category_bit};
use super::table::{self, Role, Table, named_children};
use super::taint::{Flow, PARAM_CLASS, Step, Taint, UNTRUSTED_CLASS, Value};

/// Deeper trees than this are not followed (a generated file must not overflow the stack).
const MAX_DEPTH: usize = 400;

/// Method names that look a key up: on a literal container, the result is a literal.
const LOOKUPS: &[&str] = &[
    "get",
    "getOrDefault",
    "fetch",
    "GetValueOrDefault",
    "get_or",
];

/// Method names that store their arguments into their receiver.
const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "add",
    "update",
    "push",
    "unshift",
    "put",
    "setdefault",
    "Add",
    "AddRange",
    "Append",
    "appendleft",
    "write",
    "writelines",
    "WriteString",
];

/// Keys a condition validates, each with the categories it cleans them for.
type Clears = Vec<(String, u64)>;

/// One finding of the engine, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// Index into the pack's rules.
    pub(crate) rule: usize,
    /// The sink (or construct) range.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// For tainted flows: the source, the steps and the sink, each a byte offset and label.
    pub(crate) flow: Vec<Step>,
}

/// What a function does with its parameters, computed once per function.
#[derive(Debug, Default)]
struct Summary {
    /// What its return value carries (flows of parameters stand for the caller's arguments).
    returns: Taint,
    /// Parameters that reach a sink inside it.
    sinks: Vec<ParamSink>,
}

#[derive(Debug, Clone)]
struct ParamSink {
    param: usize,
    rule: usize,
    cleared: u64,
    /// The steps from the parameter to the sink, the sink included.
    steps: Vec<Step>,
    start: usize,
    end: usize,
}

/// One function body being walked.
#[derive(Debug, Default)]
struct Frame {
    env: HashMap<String, Value>,
    function_name: String,
    /// Its parameters are a web framework's request data.
    handler: bool,
    /// Computing a summary: findings of parameters are recorded here, not reported.
    summary: Option<Summary>,
    module: bool,
}

/// A function waiting to be walked after the module's top level.
struct Deferred<'t> {
    node: Node<'t>,
    source: Option<usize>,
}

/// A call, whatever its syntax.
struct CallSite<'t> {
    node: Node<'t>,
    callee: Option<Node<'t>>,
    receiver: Option<Node<'t>>,
    path: Option<String>,
    method: Option<String>,
    args: Vec<Node<'t>>,
}

/// One evaluated argument.
struct Arg<'t> {
    name: Option<String>,
    node: Node<'t>,
    value: Value,
}

/// Walks one file.
pub(crate) struct Engine<'t, 'e> {
    text: &'t [u8],
    table: &'static Table,
    pack: &'static Pack,
    enabled: &'e dyn Fn(&str) -> bool,
    aliases: HashMap<String, String>,
    functions: HashMap<String, Node<'t>>,
    objects: HashMap<String, Node<'t>>,
    /// Names assigned once in the file, to a literal whose truth is known.
    constants: HashMap<String, bool>,
    assigned: std::collections::HashSet<String>,
    /// Names bound to a condition (`const ok = ALLOWED.includes(x)`), with what it proves.
    conditions: HashMap<String, (Clears, Clears)>,
    /// Names bound to a parse of another value (`parts = urlparse(url)`): the value's key.
    derived: HashMap<String, String>,
    /// The expression each name was last bound to, in walk order (for flag and option values).
    bound: HashMap<String, Node<'t>>,
    summaries: HashMap<usize, Rc<Summary>>,
    in_progress: Vec<usize>,
    deferred: Vec<Deferred<'t>>,
    callback_source: Option<usize>,
    globals: HashMap<String, Value>,
    hits: Vec<Hit>,
    depth: usize,
}

impl<'t, 'e> Engine<'t, 'e> {
    /// An engine over `text`, reporting the rules `enabled` accepts.
    pub(crate) fn new(
        text: &'t [u8],
        table: &'static Table,
        pack: &'static Pack,
        enabled: &'e dyn Fn(&str) -> bool,
    ) -> Self {
        Engine {
            text,
            table,
            pack,
            enabled,
            aliases: HashMap::new(),
            functions: HashMap::new(),
            objects: HashMap::new(),
            constants: HashMap::new(),
            assigned: std::collections::HashSet::new(),
            conditions: HashMap::new(),
            derived: HashMap::new(),
            bound: HashMap::new(),
            summaries: HashMap::new(),
            in_progress: Vec::new(),
            deferred: Vec::new(),
            callback_source: None,
            globals: HashMap::new(),
            hits: Vec::new(),
            depth: 0,
        }
    }

    /// Walk the tree and return the findings.
    pub(crate) fn run(mut self, root: Node<'t>) -> Vec<Hit> {
        self.collect(root);
        let mut module = Frame {
            module: true,
            ..Frame::default()
        };
        self.eval(root, &mut module);
        self.globals = module.env;
        let mut i = 0;
        while i < self.deferred.len() {
            let Deferred { node, source } = self.deferred[i];
            let env = self.globals.clone();
            self.walk_function(node, source, env);
            i += 1;
        }
        self.hits.sort_by_key(|h| (h.start, h.rule));
        self.hits.dedup_by_key(|h| (h.start, h.rule));
        self.hits
    }

    // ---- the pre-pass: imports and the file's functions ----

    fn collect(&mut self, root: Node<'t>) {
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            match self.table.role(node) {
                Some(Role::Import) => {
                    imports::bind(self.table.imports, node, self.text, &mut self.aliases);
                    continue;
                }
                Some(
                    Role::Declare { name, value }
                    | Role::Assign {
                        left: name,
                        right: value,
                    },
                ) => {
                    if let (Some(name), Some(value)) =
                        (table::child(node, name), table::child(node, value))
                        && name != value
                    {
                        imports::bind_require(name, value, self.text, &mut self.aliases);
                        self.collect_binding(name, value);
                    }
                }
                Some(Role::Function { name, .. }) => {
                    if let Some(name) = table::child(node, name) {
                        self.functions.insert(self.text_of(name).to_owned(), node);
                    }
                }
                Some(Role::Comment | Role::Text) => continue,
                _ => {}
            }
            for i in (0..node.named_child_count()).rev() {
                if let Some(c) = node.named_child(u32::try_from(i).expect("u32 children")) {
                    stack.push(c);
                }
            }
        }
    }

    /// A name bound to a function, a promisified function, an object literal or a literal
    /// boolean.
    fn collect_binding(&mut self, name: Node<'t>, value: Node<'t>) {
        if !matches!(self.table.role(name), Some(Role::Name)) {
            return;
        }
        let name = self.text_of(name).to_owned();
        let literal = self.truth(value);
        if self.assigned.insert(name.clone()) {
            if let Some(t) = literal {
                self.constants.insert(name.clone(), t);
            }
        } else {
            // Assigned twice: not a constant.
            self.constants.remove(&name);
        }
        match self.table.role(value) {
            Some(Role::Function { .. }) => {
                self.functions.insert(name, value);
            }
            Some(Role::Container) => {
                self.objects.insert(name, value);
            }
            Some(Role::Call { .. }) => {
                if let Some(site) = self.call_site(value)
                    && site
                        .path
                        .as_deref()
                        .is_some_and(|p| p.ends_with("promisify"))
                    && let Some(path) = site.args.first().and_then(|a| self.path(*a))
                {
                    self.aliases.insert(name, path);
                }
            }
            _ => {}
        }
    }

    // ---- text and names ----

    fn text_of(&self, node: Node<'_>) -> &'t str {
        std::str::from_utf8(&self.text[node.byte_range()]).unwrap_or("")
    }

    fn resolve(&self, name: &str) -> String {
        let (head, rest) = name.split_once('.').unwrap_or((name, ""));
        match self.aliases.get(head) {
            Some(full) if rest.is_empty() => full.clone(),
            Some(full) => format!("{full}.{rest}"),
            None => name.to_owned(),
        }
    }

    /// The dotted path of a name, member chain or call, imports resolved.
    fn path(&self, node: Node<'t>) -> Option<String> {
        self.raw_path(node, 0).map(|p| self.resolve(&p))
    }

    fn raw_path(&self, node: Node<'t>, depth: usize) -> Option<String> {
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
    fn key(&self, node: Node<'t>) -> Option<String> {
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

    fn label(&self, node: Node<'t>) -> String {
        let text = self.text_of(node);
        let line = text.lines().next().unwrap_or("").trim();
        if line.chars().count() > 48 {
            let short: String = line.chars().take(47).collect();
            format!("{short}…")
        } else {
            line.to_owned()
        }
    }

    // ---- sources ----

    fn source_taint(&self, path: &str, node: Node<'t>) -> Option<Taint> {
        let source = self
            .pack
            .sources
            .iter()
            .find(|s| !s.assigns_arguments && s.patterns.iter().any(|p| p.matches(path)))?;
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
        match self.source_taint(&path, node) {
            Some(t) => Value::tainted(t),
            None => Value::default(),
        }
    }

    // ---- evaluation ----

    fn eval(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
        if self.depth > MAX_DEPTH {
            return Value::default();
        }
        self.depth += 1;
        let value = self.eval_role(node, f);
        self.depth -= 1;
        value
    }

    fn eval_children(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
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

    fn eval_opt(&mut self, node: Option<Node<'t>>, f: &mut Frame) -> Value {
        node.map(|n| self.eval(n, f)).unwrap_or_default()
    }

    fn eval_role(&mut self, node: Node<'t>, f: &mut Frame) -> Value {
        let Some(role) = self.table.role(node) else {
            return self.eval_children(node, f);
        };
        match role {
            Role::Comment | Role::Skip | Role::Import => Value::default(),
            Role::Text | Role::Constant => Value::constant(),
            Role::Container | Role::Interpolation | Role::Class | Role::Annotation { .. } => {
                self.eval_children(node, f)
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
                for c in named_children(node) {
                    if matches!(self.table.role(c), Some(Role::Text)) {
                        continue;
                    }
                    let v = self.eval(c, f);
                    value.join(&v);
                    value.constant = false;
                }
                if !value.taint.is_clean() && fixed_destination(&self.literal_prefix(node)) {
                    value.taint.clear(category_bit(601));
                }
                value
            }
            Role::Member { object, .. } => {
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
                    object.taint.clear(self.sanitized(path, None));
                }
                Value {
                    taint: object.taint,
                    constant: false,
                }
            }
            Role::Index { object, index } => {
                let obj = self.eval_opt(table::child(node, object), f);
                let index = self.eval_opt(table::child(node, index), f);
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
                let mut l = self.eval_opt(left, f);
                let r = self.eval_opt(table::child(node, right), f);
                let op = self.operator(node);
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
            | Role::Builtin(_) => self.eval_call(node, role, f),
            Role::KeywordArgument { value, .. } => self.eval_opt(table::child(node, value), f),
            Role::Assign { left, right } => {
                let value = self.eval_opt(table::child(node, right), f);
                let augmented = self.is_augmented(node);
                for target in table::children(node, left) {
                    let mut v = value.clone();
                    if augmented {
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
                let value = match value_node {
                    Some(v) => self.eval(v, f),
                    None => Value::default(),
                };
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
            Role::Terminate => self.eval_children(node, f),
            Role::Function { .. } => {
                let source = self.callback_source.take();
                if f.module {
                    self.deferred.push(Deferred { node, source });
                } else {
                    let env = f.env.clone();
                    self.walk_function(node, source, env);
                }
                Value::default()
            }
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
            Role::If {
                condition,
                consequence,
                alternative,
            } => {
                let alternatives = table::children(node, alternative);
                self.eval_if(
                    table::child(node, condition),
                    table::child(node, consequence),
                    &alternatives,
                    f,
                );
                Value::default()
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

    /// A key's text without quotes.
    fn key_text(&self, node: Node<'t>) -> String {
        self.text_of(node)
            .trim_matches(|c| c == '"' || c == '\'' || c == ':' || c == '`')
            .to_owned()
    }

    // ---- assignment ----

    fn assign(
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
                        Some(Role::Call { .. } | Role::New { .. })
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
    fn check_assignment(
        &mut self,
        path: &str,
        name: &str,
        value_node: Option<Node<'t>>,
        value: &Value,
        at: Node<'t>,
        f: &mut Frame,
    ) {
        for (i, rule) in self.pack.rules.iter().enumerate() {
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
            if !rule.names.is_empty()
                && let Some(class) = rule.class
                && names_match(&rule.names, name)
            {
                self.check_flow(i, rule, class, &value.taint, at, f);
            }
        }
    }

    fn on_return(&mut self, node: Node<'t>, value: &Value, f: &mut Frame) {
        if let Some(summary) = &mut f.summary {
            summary.returns.join(&value.taint);
        }
        let function_name = f.function_name.clone();
        let expr = named_children(node).next();
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
    fn is_text_value(&self, node: Node<'t>) -> bool {
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

    // ---- branches ----

    fn eval_if(
        &mut self,
        condition: Option<Node<'t>>,
        consequence: Option<Node<'t>>,
        alternatives: &[Node<'t>],
        f: &mut Frame,
    ) {
        let _ = self.eval_opt(condition, f);
        let truth = condition.and_then(|c| self.truth(c));
        let (then_clear, else_clear) = condition.map(|c| self.guards(c)).unwrap_or_default();

        let mut then_env = f.env.clone();
        apply_clear(&mut then_env, &then_clear, &self.globals);
        let mut then_ends = false;
        if truth != Some(false)
            && let Some(body) = consequence
        {
            std::mem::swap(&mut f.env, &mut then_env);
            let _ = self.eval(body, f);
            std::mem::swap(&mut f.env, &mut then_env);
            then_ends = self.terminates(body);
        }

        let mut else_env = f.env.clone();
        apply_clear(&mut else_env, &else_clear, &self.globals);
        let mut else_ends = false;
        if truth != Some(true)
            && let Some((first, rest)) = alternatives.split_first()
        {
            std::mem::swap(&mut f.env, &mut else_env);
            if let Some(Role::If {
                condition,
                consequence,
                alternative,
            }) = self.table.role(*first)
            {
                let mut more = table::children(*first, alternative);
                more.extend_from_slice(rest);
                self.eval_if(
                    table::child(*first, condition),
                    table::child(*first, consequence),
                    &more,
                    f,
                );
            } else {
                let _ = self.eval(*first, f);
                else_ends = self.terminates(*first);
            }
            std::mem::swap(&mut f.env, &mut else_env);
        }

        f.env = match truth {
            Some(true) => then_env,
            Some(false) => else_env,
            None if then_ends && !else_ends => else_env,
            None if else_ends && !then_ends => then_env,
            None => merge(then_env, else_env),
        };
    }

    /// Whether control never goes on after `node` (it ends with return, raise, abort...).
    fn terminates(&self, node: Node<'t>) -> bool {
        match self.table.role(node) {
            Some(Role::Return | Role::Terminate) => true,
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
            _ => named_children(node)
                .last()
                .is_some_and(|c| self.terminates(c)),
        }
    }

    /// The truth of a condition that cannot change: a literal, `not` of one, or a module-level
    /// name bound to one.
    fn truth(&self, node: Node<'t>) -> Option<bool> {
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
    fn operator(&self, node: Node<'t>) -> Option<String> {
        (0..node.child_count())
            .filter_map(|i| node.child(u32::try_from(i).expect("u32 children")))
            .find(|c| !c.is_named() && !matches!(self.text_of(*c), "(" | ")"))
            .map(|c| self.text_of(c).to_owned())
    }

    /// What a condition proves when it holds and when it does not: the keys it validates.
    fn guards(&self, node: Node<'t>) -> (Clears, Clears) {
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
    fn member_comparison(&self, side: Option<Node<'t>>) -> Clears {
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
        let Some(Role::Member { object, property }) = self.table.role(side) else {
            return out;
        };
        let Some(property) = table::child(side, property).map(|p| self.text_of(p)) else {
            return out;
        };
        for guard in &self.pack.guards {
            if guard.members.iter().any(|m| m == property)
                && let Some(object) = table::child(side, object)
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
    fn validated_keys(&self, node: Node<'t>) -> Vec<String> {
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
            Some(Role::New { .. } | Role::Call { .. }) => self
                .call_site(node)
                .and_then(|site| site.args.first().map(|a| self.validated_keys(*a)))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn arg_value_node(&self, arg: Node<'t>) -> Node<'t> {
        match self.table.role(arg) {
            Some(Role::KeywordArgument { value, .. }) => table::child(arg, value).unwrap_or(arg),
            _ => arg,
        }
    }

    // ---- functions ----

    /// The paths of a function's decorators or annotations.
    fn decorators(&self, node: Node<'t>) -> Vec<String> {
        let mut found = Vec::new();
        let scan = |n: Node<'t>, found: &mut Vec<String>| {
            let mut stack: Vec<Node<'t>> = named_children(n).collect();
            while let Some(c) = stack.pop() {
                match self.table.role(c) {
                    Some(Role::Annotation { name }) => {
                        if let Some(target) = table::child(c, name) {
                            let target = match self.table.role(target) {
                                Some(Role::Call { callee, .. }) => {
                                    table::child(target, callee).unwrap_or(target)
                                }
                                _ => target,
                            };
                            if let Some(p) = self.path(target) {
                                found.push(p);
                            }
                        }
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
        if let Some(parent) = node.parent()
            && self.table.role(parent).is_none()
        {
            scan(parent, &mut found);
        }
        let mut prev = node.prev_named_sibling();
        while let Some(p) = prev {
            if !matches!(self.table.role(p), Some(Role::Annotation { .. })) {
                break;
            }
            if let Some(path) = named_children(p).next().and_then(|n| self.path(n)) {
                found.push(path);
            }
            prev = p.prev_named_sibling();
        }
        found
    }

    /// The parameters of a function: (name, node).
    fn parameters(&self, node: Node<'t>) -> Vec<(String, Node<'t>)> {
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

    fn first_name(&self, node: Node<'t>) -> Option<Node<'t>> {
        if matches!(self.table.role(node), Some(Role::Name)) {
            return Some(node);
        }
        named_children(node)
            .filter(|c| !matches!(self.table.role(*c), Some(Role::Annotation { .. })))
            .find_map(|c| self.first_name(c))
    }

    fn parameter_type(&self, param: Node<'t>) -> String {
        table::child(param, self.table.type_field)
            .map(|t| self.text_of(t).to_owned())
            .unwrap_or_default()
    }

    /// Which parameter source (if any) makes this function's parameters untrusted.
    fn handler_source(&self, node: Node<'t>) -> Option<usize> {
        let decorators = self.decorators(node);
        self.pack.parameter_sources.iter().position(|s| {
            decorators
                .iter()
                .any(|d| s.decorators.iter().any(|p| p.matches(d)))
        })
    }

    fn walk_function(
        &mut self,
        node: Node<'t>,
        callback: Option<usize>,
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
            let taint = self.parameter_taint(source, i, &pname, pnode);
            frame
                .env
                .insert(pname, Value::tainted(taint.unwrap_or_default()));
        }
        if frame.env.values().any(|v| !v.taint.is_clean()) {
            frame.handler = true;
        }
        if let Some(body) = table::child(node, body) {
            let _ = self.eval(body, &mut frame);
        } else {
            // Expression-bodied lambdas without a body field: walk what follows the parameters.
            for c in named_children(node).skip(1) {
                let _ = self.eval(c, &mut frame);
            }
        }
    }

    /// The taint of parameter `i` when it is request data.
    fn parameter_taint(
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

    /// The summary of a function of this file, computed on first use.
    fn summary(&mut self, node: Node<'t>) -> Option<Rc<Summary>> {
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
            env: self.globals.clone(),
            function_name: table::child(node, name)
                .map(|n| self.text_of(n).to_owned())
                .unwrap_or_default(),
            handler: false,
            summary: Some(Summary::default()),
            module: false,
        };
        for (i, (pname, pnode)) in self.parameters(node).into_iter().enumerate() {
            let taint = Taint::source(PARAM_CLASS, pname.clone(), pnode.start_byte(), Some(i));
            frame.env.insert(pname, Value::tainted(taint));
        }
        if let Some(body) = table::child(node, body) {
            let _ = self.eval(body, &mut frame);
        }
        self.in_progress.pop();
        let summary = Rc::new(frame.summary.unwrap_or_default());
        self.summaries.insert(node.id(), summary.clone());
        Some(summary)
    }

    // ---- calls ----

    fn call_site(&self, node: Node<'t>) -> Option<CallSite<'t>> {
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

    fn eval_call(&mut self, node: Node<'t>, role: Role, f: &mut Frame) -> Value {
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

        // Rules on this call.
        for (i, rule) in self.pack.rules.iter().enumerate() {
            if !rule.calls.is_empty() && rule.calls.iter().any(|p| p.matches(&path)) {
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
    fn sanitized(&self, path: &str, first: Option<Node<'t>>) -> u64 {
        self.pack
            .sanitizers
            .iter()
            .filter(|s| s.calls.iter().any(|p| p.matches(path)))
            .filter(|s| {
                s.values.is_empty() || first.is_some_and(|a| self.value_matches(a, &s.values))
            })
            .fold(0, |mask, s| mask | s.cleared)
    }

    fn keyword_matches(&self, kv: &KeywordValue, args: &[Arg<'t>]) -> bool {
        self.keyword_nodes(args).iter().any(|(name, node)| {
            name == &kv.name && self.value_matches(*node, std::slice::from_ref(&kv.value))
        })
    }

    /// Keyword arguments, and the properties of object-literal arguments.
    fn keyword_nodes(&self, args: &[Arg<'t>]) -> Vec<(String, Node<'t>)> {
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
    fn value_matches(&self, node: Node<'t>, patterns: &[super::pattern::Pattern]) -> bool {
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

    fn check_call(
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
    fn has_purpose(&self, words: &[String], site: &CallSite<'t>, f: &Frame) -> bool {
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
    fn sink_flow(&mut self, index: usize, at: Node<'t>, flow: &Flow, f: &mut Frame) {
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

    fn check_flow(
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

    fn report(&mut self, index: usize, at: Node<'t>, flow: Option<&Flow>, f: &Frame) {
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

    fn report_flow(&mut self, index: usize, start: usize, end: usize, flow: &Flow, f: &Frame) {
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

/// The first flow of `taint` that reaches `rule`'s sink: data of `class`, not cleaned for the
/// rule's category, from a source the rule does not trust.
fn reaching<'a>(rule: &CodeRule, class: u8, taint: &'a Taint) -> Option<&'a Flow> {
    let category = category_bit(rule.cwe);
    taint
        .flows
        .iter()
        .find(|f| f.reaches(class, category) && !rule.trusted_sources.contains(&f.origin.label))
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

/// Whether an identifier names one of `words`' purposes: a word of four letters or fewer must
/// be a whole word of the identifier (`key` in `api_key`, not in `monkey`; `sign` not in
/// `assign`), longer ones may be part of one (`password` in `passwordHash`).
fn names_match(words: &[String], name: &str) -> bool {
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

fn apply_clear(
    env: &mut HashMap<String, Value>,
    clear: &[(String, u64)],
    globals: &HashMap<String, Value>,
) {
    for (key, mask) in clear {
        let mut v = env
            .get(key)
            .or_else(|| globals.get(key))
            .cloned()
            .unwrap_or_default();
        v.taint.clear(*mask);
        env.insert(key.clone(), v);
    }
}

fn merge(mut a: HashMap<String, Value>, b: HashMap<String, Value>) -> HashMap<String, Value> {
    for (k, v) in b {
        if let Some(mine) = a.get_mut(&k) {
            mine.join(&v);
        } else {
            let mut v = v;
            v.constant = false;
            a.insert(k, v);
        }
    }
    a
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
