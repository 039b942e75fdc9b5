//! Personas: the words the command line prints for maestro's concepts.
//!
//! A persona changes only wording, never behaviour or file formats.

use schemars::JsonSchema;
use serde::Serialize;

/// The vocabulary the command line speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Persona {
    /// voyage / order / crew.
    #[default]
    Nautical,
    /// sprint / task / agent.
    Plain,
}

/// The words of one persona, in lowercase singular and plural forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// A work package that becomes one branch and one pull request.
    pub voyage: &'static str,
    /// Plural of [`Words::voyage`].
    pub voyages: &'static str,
    /// A unit of work.
    pub order: &'static str,
    /// Plural of [`Words::order`].
    pub orders: &'static str,
    /// An agent session.
    pub crew: &'static str,
    /// Plural of [`Words::crew`].
    pub crews: &'static str,
}

const NAUTICAL: Words = Words {
    voyage: "voyage",
    voyages: "voyages",
    order: "order",
    orders: "orders",
    crew: "crew",
    crews: "crews",
};

const PLAIN: Words = Words {
    voyage: "sprint",
    voyages: "sprints",
    order: "task",
    orders: "tasks",
    crew: "agent",
    crews: "agents",
};

crate::json::deserialize_by_name!(Persona);

impl Persona {
    /// Every persona.
    pub const ALL: [Persona; 2] = [Persona::Nautical, Persona::Plain];

    /// The name used in `workspace.json`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Persona::Nautical => "nautical",
            Persona::Plain => "plain",
        }
    }

    /// The word table of this persona.
    #[must_use]
    pub fn words(self) -> &'static Words {
        match self {
            Persona::Nautical => &NAUTICAL,
            Persona::Plain => &PLAIN,
        }
    }
}

/// `word` with its first letter in upper case, for the start of a sentence or a table header.
#[must_use]
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tables_follow_the_spec() {
        let plain = Persona::Plain.words();
        assert_eq!(
            (plain.voyage, plain.order, plain.crew),
            ("sprint", "task", "agent")
        );
        let nautical = Persona::default().words();
        assert_eq!(
            (nautical.voyages, nautical.orders, nautical.crews),
            ("voyages", "orders", "crews")
        );
        assert_eq!(capitalise(plain.voyage), "Sprint");
        assert_eq!(capitalise(""), "");
    }
}
