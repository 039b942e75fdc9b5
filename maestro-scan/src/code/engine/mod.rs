//! The engine: one walk of a syntax tree through its language's [`Table`], evaluating every
//! expression to a [`Value`] (its taint and whether it is a literal), binding variables,
//! following branches (skipping those that cannot run, refining values under allow-list and
//! validation guards), summarising the file's own functions on demand, and checking every call,
//! assignment and return against the rules of the language's [`Pack`].

use std::collections::HashMap;
use std::rc::Rc;

use tree_sitter::Node;

use super::imports;
use super::rules::{CodeRule, Pack, category_bit};
use super::table::{self, Role, Table, named_children};
use super::taint::{Flow, PARAM_CLASS, Step, Taint, UNTRUSTED_CLASS, Value};

mod assign;
mod branches;
mod calls;
mod functions;

use calls::names_match;

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
