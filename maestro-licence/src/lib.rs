//! Licence tiers and what they entitle a workspace to.
//!
//! maestro is licensed per workspace in tiers. The **community** tier needs no token and never
//! makes a network call; it runs one crew at a time with the Planner, Builder and Tester roles.
//! The paid tiers (**pro**, **team**, **enterprise**) run up to five crews at once with every role.
//!
//! ```
//! use maestro_licence::Tier;
//!
//! let community = Tier::Community.entitlements();
//! assert_eq!(community.max_crews, 1);
//! assert!(community.allows_role("builder"));
//! assert!(!community.allows_role("scribe"));
//!
//! let pro: Tier = "pro".parse()?;
//! assert_eq!(pro.entitlements().max_crews, 5);
//! assert!(pro.entitlements().allows_role("releaser"));
//! # Ok::<(), maestro_licence::UnknownTier>(())
//! ```

#![deny(missing_docs)]

mod tier;

pub use tier::{Entitlements, Tier, UnknownTier};
