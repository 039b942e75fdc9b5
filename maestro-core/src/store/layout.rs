//! Where each part of the state lives under `.mso/` (see the table in the module's
//! documentation): paths only, nothing read or written.

use std::path::PathBuf;

use super::Store;
use crate::name::{OrderId, VoyageName};

impl Store {
    /// `.mso/workspace.json`.
    #[must_use]
    pub fn config_path(&self) -> PathBuf {
        self.dir.join("workspace.json")
    }

    pub(super) fn voyages_dir(&self) -> PathBuf {
        self.dir.join("voyages")
    }

    /// `.mso/voyages/<name>`.
    #[must_use]
    pub fn voyage_dir(&self, name: &VoyageName) -> PathBuf {
        self.voyages_dir().join(name.as_str())
    }

    pub(super) fn voyage_file(&self, name: &VoyageName) -> PathBuf {
        self.voyage_dir(name).join("voyage.json")
    }

    pub(super) fn orders_dir(&self, name: &VoyageName) -> PathBuf {
        self.voyage_dir(name).join("orders")
    }

    pub(super) fn order_file(&self, name: &VoyageName, id: &OrderId) -> PathBuf {
        self.orders_dir(name).join(format!("{id}.json"))
    }

    pub(super) fn report_path(&self, voyage: &VoyageName, id: &OrderId) -> PathBuf {
        self.voyage_dir(voyage)
            .join("reports")
            .join(format!("{id}.json"))
    }
}
