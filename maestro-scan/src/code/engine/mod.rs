//! The engine: one walk of a syntax tree through its language's [`Table`], evaluating every
//! expression to a [`Value`] (its taint and whether it is a literal), binding variables,
//! following branches (skipping those that cannot run, refining values under allow-list and
//! validation guards), summarising the file's own functions on demand, and checking every call,
//! assignment and return against the rules of the language's [`Pack`].

use std::collections::HashMap;
use std::rc::Rc;

use tree_sitter::Node;

use super::rules::{CodeRule, Pack, category_bit};
use super::table::{Role, Table};
use super::taint::{self, Flow, Step, Taint, Value};

mod assign;
mod branches;
mod calls;
mod collect;
mod eval;
mod functions;
mod matching;
mod names;
mod report;
mod sinks;

use sinks::names_match;

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

/// Method names that compare their receiver with their argument (`"https".equals(x)`).
const EQUALITY_METHODS: &[&str] = &["equals", "equalsIgnoreCase", "Equals", "eql?", "equal?"];

/// Calls that build a collection of their arguments (`Map.of("a", "/a")`): of literals, the
/// collection is a literal table.
const COLLECTION_FACTORIES: &[&str] = &[
    "Map.of",
    "Map.ofEntries",
    "Map.entry",
    "Set.of",
    "List.of",
    "Arrays.asList",
    "EnumSet.of",
    "ImmutableMap.of",
    "ImmutableSet.of",
    "ImmutableList.of",
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
    "push_str",
    "extend_from_slice",
    "insert_str",
];

/// Method names that write their receiver's data into their (mutable) arguments.
const WRITERS: &[&str] = &[
    "fill_bytes",
    "try_fill_bytes",
    "fill",
    "read_line",
    "read_to_string",
    "read_to_end",
    "read_exact",
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
    /// The parameter's data was appended to something on its way to the sink.
    appended: bool,
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
    /// What feeds a command's standard input (a here-string).
    input: Vec<Node<'t>>,
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
    /// Record fields by name, with the categories their declared types clean (`width: u32`).
    typed_fields: HashMap<String, u64>,
    /// The expression each name was last bound to, in walk order (for flag and option values).
    bound: HashMap<String, Node<'t>>,
    summaries: HashMap<usize, Rc<Summary>>,
    in_progress: Vec<usize>,
    deferred: Vec<Deferred<'t>>,
    callback_source: Option<usize>,
    /// The data the next callback walked receives as its first parameter.
    callback_value: Option<Value>,
    /// The output of the previous command of a pipeline, for the next command evaluated.
    pipe_input: Option<Value>,
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
            aliases: table
                .aliases
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
            functions: HashMap::new(),
            objects: HashMap::new(),
            constants: HashMap::new(),
            assigned: std::collections::HashSet::new(),
            conditions: HashMap::new(),
            derived: HashMap::new(),
            typed_fields: HashMap::new(),
            bound: HashMap::new(),
            summaries: HashMap::new(),
            in_progress: Vec::new(),
            deferred: Vec::new(),
            callback_source: None,
            callback_value: None,
            pipe_input: None,
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
            self.walk_function(node, source, None, env);
            i += 1;
        }
        self.hits.sort_by_key(|h| (h.start, h.rule));
        self.hits.dedup_by_key(|h| (h.start, h.rule));
        self.hits
    }
}

/// The first flow of `taint` that reaches `rule`'s sink: data of `class`, not cleaned for the
/// rule's category, from a source the rule does not trust.
fn reaching<'a>(rule: &CodeRule, class: u8, taint: &'a Taint) -> Option<&'a Flow> {
    let category = category_bit(rule.cwe);
    taint.flows.iter().find(|f| {
        f.reaches(class, category)
            && !rule.trusted_sources.contains(&f.origin.label)
            && (rule.only_sources.is_empty()
                || rule.only_sources.contains(&f.origin.label)
                || f.origin.class == taint::PARAM_CLASS)
            && (!rule.appended || f.appended || f.origin.class == taint::PARAM_CLASS)
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
