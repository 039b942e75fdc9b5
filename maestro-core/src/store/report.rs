//! Order reports and crew logs: `.mso/voyages/<voyage>/{reports,logs}/`.

use std::path::PathBuf;

use super::fs::{create_dir, read_json_if_exists, to_json, write_atomic};
use super::{Store, StoreError};
use crate::name::{OrderId, VoyageName};

impl Store {
    /// `.mso/voyages/<voyage>/logs/<order>.jsonl`, the crew's event stream (its directory is
    /// created).
    pub fn log_path(&self, voyage: &VoyageName, id: &OrderId) -> Result<PathBuf, StoreError> {
        let dir = self.voyage_dir(voyage).join("logs");
        create_dir(&dir)?;
        Ok(dir.join(format!("{id}.jsonl")))
    }

    /// `.mso/voyages/<voyage>/logs/<order>.pid`, where a running crew's process id is kept (its
    /// directory is created).
    pub fn pid_path(&self, voyage: &VoyageName, id: &OrderId) -> Result<PathBuf, StoreError> {
        Ok(self.log_path(voyage, id)?.with_extension("pid"))
    }

    /// Reads an order's report, `None` if it has none yet.
    pub fn report<T: serde::de::DeserializeOwned>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
    ) -> Result<Option<T>, StoreError> {
        let path = self.report_path(voyage, id);
        read_json_if_exists(&path)
    }

    /// Changes an order's report under the voyage's lock (the dispatcher and the hooks of a
    /// crew both write to it); `f` gets the current report or `None`.
    pub fn update_report<T, R, E>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        f: impl FnOnce(Option<T>) -> Result<(T, R), E>,
    ) -> Result<R, E>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
        E: From<StoreError>,
    {
        let _lock = self.voyage_lock(voyage, true)?;
        let current = self.report(voyage, id)?;
        let (report, out) = f(current)?;
        self.write_report(voyage, id, &report)?;
        Ok(out)
    }

    /// Writes an order's report through the redactor; the caller holds the voyage's lock.
    pub(super) fn write_report<T: serde::Serialize>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        report: &T,
    ) -> Result<(), StoreError> {
        let path = self.report_path(voyage, id);
        create_dir(path.parent().expect("a report has a directory"))?;
        let text = match &self.redactor {
            Some(redactor) => {
                let mut value =
                    serde_json::to_value(report).expect("state records always serialise");
                redactor.value(&mut value);
                to_json(&value)
            }
            None => to_json(report),
        };
        write_atomic(&path, &text)
    }
}
