//! Taint: where a value's untrusted data came from, which categories it has been cleaned for,
//! and the steps it took.

use std::rc::Rc;

/// The class given to a function parameter while its summary is computed: it stands for any
/// class the caller's argument carries.
pub(crate) const PARAM_CLASS: u8 = u8::MAX;

/// The class of untrusted input (the first class of every pack).
pub(crate) const UNTRUSTED_CLASS: u8 = 0;

const MAX_FLOWS: usize = 6;
const MAX_STEPS: usize = 10;

/// Where tainted data entered.
#[derive(Debug)]
pub(crate) struct Origin {
    /// The class of data (index into the pack's classes, or [`PARAM_CLASS`]).
    pub(crate) class: u8,
    /// What the source is, as written (`request.args`).
    pub(crate) label: String,
    /// Byte offset of the source expression.
    pub(crate) at: usize,
    /// The parameter it stands for, while a function summary is computed.
    pub(crate) param: Option<usize>,
}

/// One intermediate step of a flow: a byte offset and what happened there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) at: usize,
    pub(crate) label: String,
}

/// One origin's data in a value.
#[derive(Debug, Clone)]
pub(crate) struct Flow {
    pub(crate) origin: Rc<Origin>,
    /// Categories (bits of [`category_bit`](super::rules::category_bit)) it was sanitised for.
    pub(crate) cleared: u64,
    pub(crate) steps: Vec<Step>,
    /// The data was appended to something else (`"/srv/$name"`, `base.join(x)`): a path it
    /// is in does not start with it.
    pub(crate) appended: bool,
}

impl Flow {
    /// Whether this flow carries `class` data not cleaned for `category`.
    pub(crate) fn reaches(&self, class: u8, category: u64) -> bool {
        (self.origin.class == class || self.origin.class == PARAM_CLASS)
            && self.cleared & category == 0
    }
}

/// The untrusted data a value carries: zero or more flows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Taint {
    pub(crate) flows: Vec<Flow>,
}

impl Taint {
    /// Data of a new origin.
    pub(crate) fn source(class: u8, label: String, at: usize, param: Option<usize>) -> Taint {
        Taint {
            flows: vec![Flow {
                origin: Rc::new(Origin {
                    class,
                    label,
                    at,
                    param,
                }),
                cleared: 0,
                steps: Vec::new(),
                appended: false,
            }],
        }
    }

    /// Whether it carries nothing.
    pub(crate) fn is_clean(&self) -> bool {
        self.flows.is_empty()
    }

    /// Add `other`'s flows (a flow of an origin already here keeps only what both cleared).
    pub(crate) fn join(&mut self, other: &Taint) {
        for flow in &other.flows {
            if let Some(mine) = self.flows.iter_mut().find(|f| same_origin(f, flow)) {
                mine.cleared &= flow.cleared;
                mine.appended |= flow.appended;
            } else if self.flows.len() < MAX_FLOWS {
                self.flows.push(flow.clone());
            }
        }
    }

    /// Mark every flow of untrusted data cleaned for the categories of `mask` (sanitisers and
    /// validation make input safe; they do not make a weak random number strong).
    pub(crate) fn clear(&mut self, mask: u64) {
        for flow in &mut self.flows {
            if flow.origin.class == UNTRUSTED_CLASS || flow.origin.class == PARAM_CLASS {
                flow.cleared |= mask;
            }
        }
    }

    /// Mark every flow as appended to something else.
    pub(crate) fn append(&mut self) {
        for flow in &mut self.flows {
            flow.appended = true;
        }
    }

    /// Record a step on every flow.
    pub(crate) fn step(&mut self, at: usize, label: &str) {
        for flow in &mut self.flows {
            if flow.steps.len() < MAX_STEPS && flow.steps.last().is_none_or(|s| s.at != at) {
                flow.steps.push(Step {
                    at,
                    label: label.to_owned(),
                });
            }
        }
    }

    /// The first flow carrying `class` data not cleaned for `category`.
    pub(crate) fn reaching(&self, class: u8, category: u64) -> Option<&Flow> {
        self.flows.iter().find(|f| f.reaches(class, category))
    }
}

fn same_origin(a: &Flow, b: &Flow) -> bool {
    Rc::ptr_eq(&a.origin, &b.origin)
        || (a.origin.at == b.origin.at
            && a.origin.class == b.origin.class
            && a.origin.param == b.origin.param)
}

/// A value as the engine sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Value {
    pub(crate) taint: Taint,
    /// Made only of literals (a constant string, number, or a container of them).
    pub(crate) constant: bool,
}

impl Value {
    /// A literal.
    pub(crate) fn constant() -> Value {
        Value {
            taint: Taint::default(),
            constant: true,
        }
    }

    /// Data carrying `taint`.
    pub(crate) fn tainted(taint: Taint) -> Value {
        Value {
            taint,
            constant: false,
        }
    }

    /// Join another value into this one (constant only if both are).
    pub(crate) fn join(&mut self, other: &Value) {
        self.taint.join(&other.taint);
        self.constant &= other.constant;
    }
}
