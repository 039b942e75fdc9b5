//! The workspace as a whole: creating it, its configuration and its workspace-wide state files.

use std::path::{Path, PathBuf};

use super::fs::{FileLock, create_dir, exists, read_json_if_exists, to_json, write_atomic};
use super::{Store, StoreError, audit_key};
use crate::config::WorkspaceConfig;

/// What `maestro init` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitOutcome {
    /// The workspace was created with the default configuration.
    Created,
    /// The workspace existed with the default configuration; nothing changed.
    Unchanged,
    /// The workspace existed with a changed configuration, which was kept.
    KeptChanged,
    /// The existing configuration was replaced by the defaults (`--force`).
    Reset,
    /// The workspace had the built-in defaults of an older `init`; what `init` now adds to
    /// them (the audit key's path) was added.
    Completed,
}

impl InitOutcome {
    /// Whether `init` writes `workspace.json` in this case.
    #[must_use]
    pub fn writes_config(self) -> bool {
        matches!(
            self,
            InitOutcome::Created | InitOutcome::Reset | InitOutcome::Completed
        )
    }
}

impl Store {
    /// Creates (or checks) the workspace of the repository at `repo_root` with the default
    /// configuration. An existing configuration is kept unless `force` is set; an invalid one is
    /// an error without `force`.
    pub fn init(repo_root: &Path, force: bool) -> Result<(Store, InitOutcome), StoreError> {
        Store::init_with(repo_root, force, &WorkspaceConfig::default())
    }

    /// [`Store::init`] with `defaults` as the configuration a new workspace gets (the built-in
    /// defaults plus what `maestro init` adds, such as the audit key's path).
    ///
    /// A configuration equal to the built-in defaults (from an older `init`) is brought up to
    /// `defaults` ([`InitOutcome::Completed`]); any other is kept unless `force` is set.
    pub fn init_with(
        repo_root: &Path,
        force: bool,
        defaults: &WorkspaceConfig,
    ) -> Result<(Store, InitOutcome), StoreError> {
        let store = Store::at(repo_root);
        // Nothing is created before the existing configuration has been judged.
        Store::init_outcome(repo_root, force, defaults)?;
        create_dir(&store.dir)?;
        let _lock = FileLock::exclusive(&store.dir.join(".lock"))?;
        let outcome = Store::init_outcome(repo_root, force, defaults)?;
        if outcome.writes_config() {
            write_atomic(&store.config_path(), defaults.to_pretty_json().as_bytes())?;
        }
        create_dir(&store.voyages_dir())?;
        Ok((store, outcome))
    }

    /// What [`Store::init_with`] would do, without changing anything: an invalid configuration
    /// is an error without `force`.
    pub fn init_outcome(
        repo_root: &Path,
        force: bool,
        defaults: &WorkspaceConfig,
    ) -> Result<InitOutcome, StoreError> {
        let path = Store::at(repo_root).config_path();
        if !exists(&path)? {
            return Ok(InitOutcome::Created);
        }
        Ok(match WorkspaceConfig::load(&path) {
            Ok(config) if config == *defaults => InitOutcome::Unchanged,
            Ok(config) if config == WorkspaceConfig::default() => InitOutcome::Completed,
            Ok(_) if !force => InitOutcome::KeptChanged,
            Err(e) if !force => return Err(e.into()),
            Ok(_) | Err(_) => InitOutcome::Reset,
        })
    }

    /// Where this repository's audit signing key lives by default: in the user's configuration
    /// directory, outside the repository (see [`audit_key`]).
    pub fn audit_key_path(&self) -> Result<PathBuf, audit_key::KeyLocationError> {
        audit_key::audit_key_path(&self.root)
    }

    /// Reads and validates the configuration.
    pub fn config(&self) -> Result<WorkspaceConfig, StoreError> {
        Ok(WorkspaceConfig::load(&self.config_path())?)
    }

    /// Reads `.mso/<file>` (a workspace-wide state file such as `licence.json`) as JSON;
    /// `None` if it does not exist.
    pub fn read_state<T: serde::de::DeserializeOwned>(
        &self,
        file: &str,
    ) -> Result<Option<T>, StoreError> {
        let path = self.dir.join(file);
        read_json_if_exists(&path)
    }

    /// Atomically replaces `.mso/<file>` with `value` as JSON, under the workspace lock.
    pub fn write_state<T: serde::Serialize>(
        &self,
        file: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        write_atomic(&self.dir.join(file), &to_json(value))
    }

    /// Changes the configuration under the workspace lock: `f` edits it, the result is validated
    /// and written atomically. Returns the new configuration.
    pub fn update_config(
        &self,
        f: impl FnOnce(&mut WorkspaceConfig),
    ) -> Result<WorkspaceConfig, StoreError> {
        let _lock = FileLock::exclusive(&self.dir.join(".lock"))?;
        let mut config = self.config()?;
        f(&mut config);
        let text = config.to_pretty_json();
        let config = WorkspaceConfig::parse(text.as_bytes(), &self.config_path())?;
        write_atomic(&self.config_path(), text.as_bytes())?;
        Ok(config)
    }
}
