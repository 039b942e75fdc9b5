//! The language-neutral view of a syntax tree: each language's table maps node kinds (and their
//! fields) to [`Role`]s, and the engine walks any tree through its table.
//!
//! A language's table is written as data ([`Spec`], in `lang/<language>.rs`) with node kind and
//! field names as the grammar spells them; it is compiled once per process into a [`Table`]
//! indexed by node kind id, with field names resolved to field ids. A node kind without a role is
//! walked through: its named children are evaluated in order and their values joined.

use std::sync::OnceLock;

use tree_sitter::{Language as TsLanguage, Node};

use super::grammar::{GRAMMARS, Grammar};

/// A field of a node, as written in a [`Spec`]: a field name, `""` for none, `"#N"` for the
/// N-th named child (from 0), `"#last"` for the last named child, `"#rest"` for every named
/// child after the first or `"#plain"` for every named child that is in no field.
pub(crate) type FieldName = &'static str;

/// A field of a node, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// Absent.
    None,
    /// A grammar field.
    Id(std::num::NonZeroU16),
    /// The last named child that is not a comment.
    Last,
    /// The n-th named child that is not a comment.
    Nth(u8),
    /// Every named child that is not a comment, after the first.
    Rest,
    /// Every named child that is not a comment and is in no field.
    Plain,
}

/// What a node is to the engine. `F` is [`FieldName`] in a [`Spec`] and [`Field`] once compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role<F = Field> {
    /// `f(args)`: the function expression and the argument list.
    Call { callee: F, arguments: F },
    /// `receiver.method(args)` where receiver (optional) and method name are separate fields.
    MethodCall {
        receiver: F,
        method: F,
        arguments: F,
    },
    /// A command whose arguments are children under one field (shell: `name arg...`); `input`
    /// is what feeds its standard input (a here-string).
    Command { name: F, argument: F, input: F },
    /// `a | b | c`: each command receives the previous one's output; the value is the last's.
    Pipeline,
    /// A statement with redirections: what its input redirections (`<<EOF`, `<<<`, `< file`)
    /// feed is the body's standard input.
    Redirected { body: F, input: F },
    /// A parameter expansion `${name op word}`: a call of `${op}` (`${//}`, `${##}`, `${:-}`)
    /// with the variable as receiver and the words as arguments; `${name}` is the variable.
    Expansion,
    /// An `else` clause of an [`Role::If`] whose branches are its plain children.
    Else,
    /// `new C(args)`: a constructor call.
    New { class: F, arguments: F },
    /// `name=value` inside an argument list.
    KeywordArgument { name: F, value: F },
    /// `object.property`.
    Member { object: F, property: F },
    /// `object[index]`.
    Index { object: F, index: F },
    /// A scoped name (`a::b`, `A\B`) written as one path.
    ScopedName,
    /// An identifier: a variable or function name.
    Name,
    /// A string literal; its children of role [`Role::Interpolation`] are code, the rest is text.
    Str,
    /// Code inside a string literal (f-string, template literal, `#{}` / `{$x}` interpolation).
    Interpolation,
    /// `left op right`: concatenation, arithmetic, `%` formatting, boolean operators.
    Binary { left: F, right: F },
    /// A comparison with `in` / `not in` operators among its unnamed children (Python).
    Comparison,
    /// `not x` / `!x`.
    Not { argument: F },
    /// `left = right` (also a destructuring `left`).
    Assign { left: F, right: F },
    /// `left op= right`.
    AugmentedAssign { left: F, right: F },
    /// A declaration of `name` with an optional initial `value`.
    Declare { name: F, value: F },
    /// `return value`.
    Return,
    /// `raise` / `throw` / `break` / `continue`: control does not go on after it.
    Terminate,
    /// A function definition; parameters' names are read from `parameters`.
    Function { name: F, parameters: F, body: F },
    /// A decorator or annotation; its `name` is a name, member or call.
    Annotation { name: F },
    /// `if condition consequence alternative`; several `alternative` children are `elif`s.
    If {
        condition: F,
        consequence: F,
        alternative: F,
    },
    /// `condition ? consequence : alternative`.
    Conditional {
        condition: F,
        consequence: F,
        alternative: F,
    },
    /// `for left in right body`.
    For { left: F, right: F, body: F },
    /// `match value { arms }`: each arm of `body` (role [`Role::Arm`]) binds its pattern to
    /// the matched value; the value of the whole is its arms' values.
    Match { value: F, body: F },
    /// One arm of a [`Role::Match`]: `pattern => value`. An arm whose pattern is made only of
    /// literals is an allow-list: in it, the matched value is clean.
    Arm { pattern: F, value: F },
    /// A field of a record type declared with its type (`width: u32` in a Rust struct): where
    /// every declaration of a field name has a type that is a sanitiser, reading that field
    /// (`req.width`) is clean for what the sanitiser cleans.
    FieldDeclaration { name: F, ty: F },
    /// A block whose value is its last expression (one not ending with `;`), in languages whose
    /// blocks are expressions ([`Spec::expression_bodies`]).
    Block,
    /// A key/value pair of a map literal (or an object literal's property).
    Pair { key: F, value: F },
    /// A list, tuple, set, map or array literal.
    Container,
    /// A number, boolean or null literal.
    Constant,
    /// Literal text inside a string literal (not code).
    Text,
    /// A statement or expression that acts as a call of the named built-in with its named
    /// children as arguments (`echo`, `include`, a backtick command as `` ` ``).
    Builtin(&'static str),
    /// An import statement (how it binds names is per language: [`ImportStyle`]).
    Import,
    /// A comment.
    Comment,
    /// A node the engine skips: type annotations, declarations without code.
    Skip,
    /// A class definition (its body is walked; methods are functions).
    Class,
}

/// How a language's imports bind names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportStyle {
    /// `import a.b as c`, `from a import b as c`.
    Python,
    /// `import x from 'm'`, `import {a as b} from 'm'`, `import * as ns from 'm'`, and
    /// `const x = require('m')` / `const {a} = require('m')`.
    JavaScript,
    /// `import alias "a/b"`: binds `alias` (or the last path element) to `a/b`.
    Go,
    /// `import a.b.C;` binds `C`; `use A\B;` binds `B`; `use a::b::C;` binds `C`.
    Qualified,
    /// Imports bind no name (C# `using`, Ruby `require`, shell `source`).
    None,
}

/// A language's table, as written.
#[derive(Debug)]
pub(crate) struct Spec {
    /// Node kind → role, in one or more lists (a language may extend another's).
    pub(crate) roles: &'static [&'static [(&'static str, Role<FieldName>)]],
    /// How imports bind names.
    pub(crate) imports: ImportStyle,
    /// Names of the object a method refers to (`self`, `this`): a call `self.f(x)` is a call of
    /// the same file's function `f`, whose first parameter is skipped when it is one of these.
    pub(crate) self_names: &'static [&'static str],
    /// Node kinds of parameters that carry a name field other than `name` (e.g. `pattern`).
    pub(crate) parameter_name_fields: &'static [&'static str],
    /// Blocks, `if`s and `match`es are expressions: an `if` has its branches' value and a
    /// function returns the value of its body (Rust).
    pub(crate) expression_bodies: bool,
    /// A string literal passed to a macro (`format!("{name}")`) reads the variables its
    /// `{name}` placeholders name.
    pub(crate) format_captures: bool,
    /// Methods whose callback receives the receiver's data as its first parameter
    /// (`opt.map(|v| ...)`, `items.for_each(|x| ...)`).
    pub(crate) element_callbacks: &'static [&'static str],
    /// Names that stand for others (shell: `$*` is `$@`).
    pub(crate) aliases: &'static [(&'static str, &'static str)],
    /// A function's parameters are positional (`$1`, `$2`, `$@`), not declared.
    pub(crate) positional_parameters: bool,
}

/// A language's table, compiled for its grammar.
#[derive(Debug)]
pub(crate) struct Table {
    roles: Vec<Option<Role>>,
    pub(crate) imports: ImportStyle,
    pub(crate) self_names: &'static [&'static str],
    pub(crate) parameter_name_fields: Vec<Field>,
    pub(crate) expression_bodies: bool,
    pub(crate) format_captures: bool,
    pub(crate) element_callbacks: &'static [&'static str],
    pub(crate) aliases: &'static [(&'static str, &'static str)],
    pub(crate) positional_parameters: bool,
    pub(crate) name_field: Field,
    pub(crate) type_field: Field,
}

impl Table {
    /// The table of `grammar`, compiled on first use.
    pub(crate) fn of(grammar: Grammar) -> &'static Table {
        static TABLES: [OnceLock<Table>; GRAMMARS] = [const { OnceLock::new() }; GRAMMARS];
        TABLES[grammar.index()]
            .get_or_init(|| Table::compile(super::lang::spec(grammar), &grammar.ts_language()))
    }

    fn compile(spec: &Spec, language: &TsLanguage) -> Table {
        let field = |name: FieldName| -> Field {
            match name {
                "" => Field::None,
                "#last" => Field::Last,
                "#rest" => Field::Rest,
                "#plain" => Field::Plain,
                _ if name.starts_with('#') => {
                    Field::Nth(name[1..].parse().expect("a field `#N` has a number"))
                }
                _ => language
                    .field_id_for_name(name)
                    .map_or(Field::None, Field::Id),
            }
        };
        let mut roles = vec![None; language.node_kind_count()];
        // Every named kind id by name (a name may have several ids, through aliases).
        let mut ids: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for id in 0..roles.len() {
            let id16 = u16::try_from(id).expect("kind ids are u16");
            if language.node_kind_is_named(id16)
                && let Some(name) = language.node_kind_for_id(id16)
            {
                ids.entry(name).or_default().push(id);
            }
        }
        for (kind, role) in spec.roles.iter().flat_map(|list| list.iter()) {
            let role = compile_role(*role, &field);
            for id in ids.get(kind).into_iter().flatten() {
                roles[*id] = Some(role);
            }
        }
        Table {
            roles,
            imports: spec.imports,
            self_names: spec.self_names,
            parameter_name_fields: spec
                .parameter_name_fields
                .iter()
                .map(|f| field(f))
                .collect(),
            expression_bodies: spec.expression_bodies,
            format_captures: spec.format_captures,
            element_callbacks: spec.element_callbacks,
            aliases: spec.aliases,
            positional_parameters: spec.positional_parameters,
            name_field: field("name"),
            type_field: field("type"),
        }
    }

    /// The role of `node`, if its kind has one.
    pub(crate) fn role(&self, node: Node<'_>) -> Option<Role> {
        self.roles
            .get(usize::from(node.kind_id()))
            .copied()
            .flatten()
    }
}

fn compile_role(role: Role<FieldName>, field: &dyn Fn(FieldName) -> Field) -> Role {
    use Role as R;
    match role {
        R::Call { callee, arguments } => R::Call {
            callee: field(callee),
            arguments: field(arguments),
        },
        R::MethodCall {
            receiver,
            method,
            arguments,
        } => R::MethodCall {
            receiver: field(receiver),
            method: field(method),
            arguments: field(arguments),
        },
        R::Command {
            name,
            argument,
            input,
        } => R::Command {
            name: field(name),
            argument: field(argument),
            input: field(input),
        },
        R::New { class, arguments } => R::New {
            class: field(class),
            arguments: field(arguments),
        },
        R::KeywordArgument { name, value } => R::KeywordArgument {
            name: field(name),
            value: field(value),
        },
        R::Member { object, property } => R::Member {
            object: field(object),
            property: field(property),
        },
        R::Index { object, index } => R::Index {
            object: field(object),
            index: field(index),
        },
        R::Binary { left, right } => R::Binary {
            left: field(left),
            right: field(right),
        },
        R::Not { argument } => R::Not {
            argument: field(argument),
        },
        R::Assign { left, right } => R::Assign {
            left: field(left),
            right: field(right),
        },
        R::AugmentedAssign { left, right } => R::AugmentedAssign {
            left: field(left),
            right: field(right),
        },
        R::Declare { name, value } => R::Declare {
            name: field(name),
            value: field(value),
        },
        R::Function {
            name,
            parameters,
            body,
        } => R::Function {
            name: field(name),
            parameters: field(parameters),
            body: field(body),
        },
        R::Annotation { name } => R::Annotation { name: field(name) },
        R::If {
            condition,
            consequence,
            alternative,
        } => R::If {
            condition: field(condition),
            consequence: field(consequence),
            alternative: field(alternative),
        },
        R::Conditional {
            condition,
            consequence,
            alternative,
        } => R::Conditional {
            condition: field(condition),
            consequence: field(consequence),
            alternative: field(alternative),
        },
        R::For { left, right, body } => R::For {
            left: field(left),
            right: field(right),
            body: field(body),
        },
        R::Pair { key, value } => R::Pair {
            key: field(key),
            value: field(value),
        },
        R::Match { value, body } => R::Match {
            value: field(value),
            body: field(body),
        },
        R::Arm { pattern, value } => R::Arm {
            pattern: field(pattern),
            value: field(value),
        },
        R::FieldDeclaration { name, ty } => R::FieldDeclaration {
            name: field(name),
            ty: field(ty),
        },
        R::Redirected { body, input } => R::Redirected {
            body: field(body),
            input: field(input),
        },
        R::Block => R::Block,
        R::Pipeline => R::Pipeline,
        R::Expansion => R::Expansion,
        R::Else => R::Else,
        R::ScopedName => R::ScopedName,
        R::Name => R::Name,
        R::Str => R::Str,
        R::Interpolation => R::Interpolation,
        R::Comparison => R::Comparison,
        R::Return => R::Return,
        R::Terminate => R::Terminate,
        R::Container => R::Container,
        R::Constant => R::Constant,
        R::Text => R::Text,
        R::Builtin(name) => R::Builtin(name),
        R::Import => R::Import,
        R::Comment => R::Comment,
        R::Skip => R::Skip,
        R::Class => R::Class,
    }
}

/// The child of `node` in `field` (the first one when the field repeats).
pub(crate) fn child(node: Node<'_>, field: Field) -> Option<Node<'_>> {
    match field {
        Field::None => None,
        Field::Id(id) => node.child_by_field_id(id.get()),
        Field::Last => named_children(node).last(),
        Field::Nth(n) => named_children(node).nth(usize::from(n)),
        Field::Rest => named_children(node).nth(1),
        Field::Plain => plain_children(node).into_iter().next(),
    }
}

/// Every child of `node` in `field`.
pub(crate) fn children(node: Node<'_>, field: Field) -> Vec<Node<'_>> {
    match field {
        Field::None => Vec::new(),
        Field::Id(id) => {
            let mut cursor = node.walk();
            node.children_by_field_id(id, &mut cursor).collect()
        }
        Field::Last | Field::Nth(_) => child(node, field).into_iter().collect(),
        Field::Rest => named_children(node).skip(1).collect(),
        Field::Plain => plain_children(node),
    }
}

/// The named children of `node` that are not comments (`extra` nodes).
pub(crate) fn named_children(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    (0..node.named_child_count())
        .filter_map(move |i| node.named_child(u32::try_from(i).expect("child counts are u32")))
        .filter(|c| !c.is_extra())
}

/// The named children of `node` that are in no field and are not comments.
fn plain_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    let mut out = Vec::new();
    if cursor.goto_first_child() {
        loop {
            let c = cursor.node();
            if c.is_named() && !c.is_extra() && cursor.field_id().is_none() {
                out.push(c);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    out
}
