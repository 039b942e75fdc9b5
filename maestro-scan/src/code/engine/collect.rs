//! The pre-pass over the whole file before the walk: imports and their aliases, the file's
//! own functions and object literals by name, names bound once to a literal boolean, and
//! promisified functions, so that the walk can resolve a call to what it names wherever the
//! definition sits.

use tree_sitter::Node;

use super::Engine;
use crate::code::imports;
use crate::code::table::{self, Role};

impl<'t> Engine<'t, '_> {
    pub(super) fn collect(&mut self, root: Node<'t>) {
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
                Some(Role::FieldDeclaration { name, ty }) => {
                    if let Some(name) = table::child(node, name) {
                        let clears = table::child(node, ty)
                            .filter(|t| {
                                matches!(self.table.role(*t), Some(Role::Name | Role::ScopedName))
                            })
                            .and_then(|t| self.path(t))
                            .map_or(0, |p| self.sanitized(&p, &[]));
                        *self
                            .typed_fields
                            .entry(self.text_of(name).to_owned())
                            .or_insert(clears) &= clears;
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
}
