//! Finding the workspace of the current directory.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use maestro_core::persona::Words;
use maestro_core::{Store, WorkspaceConfig};
use maestro_git::Repo;

/// An initialised maestro workspace: its repository, state store and configuration.
#[derive(Debug)]
pub struct Workspace {
    /// The repository (its root is the main worktree).
    pub repo: Repo,
    /// The `.mso/` store.
    pub store: Store,
    /// The validated configuration.
    pub config: WorkspaceConfig,
}

impl Workspace {
    /// The workspace of the repository containing the current directory.
    pub fn discover() -> anyhow::Result<Workspace> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let repo = Repo::discover(&cwd)?;
        let store = match Store::open(repo.root()) {
            Ok(store) => store.with_redactor(crate::redaction::redactor()),
            // The store says what is missing; the command line says what makes it.
            Err(e @ maestro_core::StoreError::NotInitialised { .. }) => {
                anyhow::bail!("{e}; run `maestro init` first")
            }
            Err(e) => return Err(e.into()),
        };
        let config = store.config()?;
        Ok(Workspace {
            repo,
            store,
            config,
        })
    }

    /// The words of the configured persona.
    pub fn words(&self) -> &'static Words {
        self.config.persona.words()
    }

    /// Voyage `name`, its orders and each order's report (if it has one yet).
    pub fn voyage_with_reports(
        &self,
        name: &maestro_core::VoyageName,
    ) -> anyhow::Result<(
        maestro_core::Voyage,
        Vec<maestro_core::Order>,
        Vec<Option<maestro_core::dispatch::report::OrderReport>>,
    )> {
        let voyage = self.store.voyage(name)?;
        let orders = self.store.orders(name)?;
        let reports = orders
            .iter()
            .map(|o| self.store.report(name, o.id()))
            .collect::<Result<_, maestro_core::StoreError>>()?;
        Ok((voyage, orders, reports))
    }
}

/// The workspace of the repository around `dir`, found without git (the hooks run on every tool
/// call): the nearest `.mso/workspace.json` above it (or under `MAESTRO_WORKSPACE`), with its
/// configuration and the file's bytes; outside a workspace, the defaults and no bytes.
pub fn nearby(dir: &Path) -> anyhow::Result<(Option<PathBuf>, WorkspaceConfig, Option<Vec<u8>>)> {
    let named = std::env::var_os("MAESTRO_WORKSPACE").map(PathBuf::from);
    nearby_from(dir, named.as_deref())
}

/// [`nearby`], with the workspace `named` (a hook's `MAESTRO_WORKSPACE`) given rather than read
/// from this process's environment.
pub fn nearby_from(
    dir: &Path,
    named: Option<&Path>,
) -> anyhow::Result<(Option<PathBuf>, WorkspaceConfig, Option<Vec<u8>>)> {
    let config_of = |root: &Path| {
        root.join(maestro_core::store::STATE_DIR)
            .join("workspace.json")
    };
    let root = named
        .map(Path::to_owned)
        .filter(|root| config_of(root).is_file())
        .or_else(|| {
            dir.ancestors()
                .find(|d| config_of(d).is_file())
                .map(Path::to_owned)
        });
    let Some(root) = root else {
        return Ok((None, WorkspaceConfig::default(), None));
    };
    let path = config_of(&root);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let config = WorkspaceConfig::parse(&bytes, &path)?;
    Ok((Some(root), config, Some(bytes)))
}

/// Displays `path` relative to the current directory when it is below it.
#[must_use]
pub fn display_path(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_owned))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_owned())
        .display()
        .to_string()
}

/// Creates `dir` (and its parents) readable by its owner only, and makes sure an existing
/// `dir` is not open to others.
pub fn private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let mode = std::fs::metadata(dir)
            .with_context(|| format!("cannot inspect {}", dir.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} private (mode 0700)", dir.display()))?;
        }
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(())
}
