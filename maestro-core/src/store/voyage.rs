//! Voyages in the store: `.mso/voyages/<voyage>/voyage.json`.

use jiff::Timestamp;

use super::fs::{self, FileLock, create_dir, exists, read_json, to_json, write_atomic};
use super::{Store, StoreError};
use crate::name::VoyageName;
use crate::ports::Branches;
use crate::voyage::{Voyage, VoyageState};

impl Store {
    /// Creates voyage `name` and its branch `maestro/<name>` at `base`.
    ///
    /// The branch is created first; if the voyage file cannot be written, the branch is deleted
    /// again, so a failure leaves neither behind.
    pub fn create_voyage(
        &self,
        name: &VoyageName,
        title: Option<String>,
        base: &str,
        branches: &dyn Branches,
        now: Timestamp,
    ) -> Result<Voyage, StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        let dir = self.voyage_dir(name);
        if exists(&self.voyage_file(name))? {
            return Err(StoreError::VoyageExists { name: name.clone() });
        }
        let branch = Voyage::branch_for(name);
        let commit = branches
            .resolve_commit(base)
            .map_err(|source| StoreError::Branch {
                voyage: name.clone(),
                action: format!("resolve its base `{base}`"),
                source,
            })?;
        let voyage = Voyage {
            name: name.clone(),
            title: title.unwrap_or_else(|| name.to_string()),
            base: base.to_owned(),
            base_commit: commit.clone(),
            branch: branch.clone(),
            state: VoyageState::Open,
            pr_url: None,
            created_at: now,
        };
        branches
            .create_branch(&branch, &commit)
            .map_err(|source| StoreError::Branch {
                voyage: name.clone(),
                action: format!("create branch {branch}"),
                source,
            })?;
        // The run lock's file exists from the start, so taking the lock later (a refused
        // change included) creates nothing.
        let written = create_dir(&self.orders_dir(name))
            .and_then(|()| write_atomic(&dir.join("run.lock"), b""))
            .and_then(|()| write_atomic(&self.voyage_file(name), &to_json(&voyage)));
        if let Err(e) = written {
            // Leave nothing behind: neither the branch nor a half-made directory. Both undo
            // steps are best effort; the original error is the one the user needs.
            let _ = branches.delete_branch(&branch, &commit);
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(voyage)
    }

    /// Reads voyage `name`. A voyage whose `name` or `branch` is not its own (a hand-edited
    /// `voyage.json`, see [`Voyage::mismatch`]) is refused as corrupt.
    pub fn voyage(&self, name: &VoyageName) -> Result<Voyage, StoreError> {
        let path = self.voyage_file(name);
        if let Err(e) = std::fs::metadata(&path)
            && fs::is_not_found(&e)
        {
            return Err(StoreError::UnknownVoyage { name: name.clone() });
        }
        let voyage: Voyage = read_json(&path)?;
        if let Some((field, message)) = voyage.mismatch(name) {
            return Err(StoreError::Corrupt {
                path,
                location: format!("at `{field}`: "),
                message,
            });
        }
        Ok(voyage)
    }

    /// Every voyage, oldest first.
    pub fn voyages(&self) -> Result<Vec<Voyage>, StoreError> {
        let dir = self.voyages_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if fs::is_not_found(&e) => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &dir, e)),
        };
        let mut voyages = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let Some(name) = entry
                .file_name()
                .to_str()
                .and_then(|n| VoyageName::new(n).ok())
            else {
                continue;
            };
            if exists(&self.voyage_file(&name))? {
                voyages.push(self.voyage(&name)?);
            }
        }
        voyages.sort_by(|a, b| (a.created_at, &a.name).cmp(&(b.created_at, &b.name)));
        Ok(voyages)
    }

    /// Changes voyage `name` under its lock; `f`'s error aborts without writing.
    pub fn update_voyage<T, E: From<StoreError>>(
        &self,
        name: &VoyageName,
        f: impl FnOnce(&mut Voyage) -> Result<T, E>,
    ) -> Result<T, E> {
        let _lock = self.voyage_lock(name, true)?;
        let mut voyage = self.voyage(name)?;
        let out = f(&mut voyage)?;
        write_atomic(&self.voyage_file(name), &to_json(&voyage))?;
        Ok(out)
    }
}
