//! The credentials a sandbox keeps from crews: files under the home directory and environment
//! variables.

use std::path::{Path, PathBuf};

/// Files and directories under the home directory that hold credentials, hidden from crews when
/// they exist.
pub const CREDENTIAL_FILES: [&str; 24] = [
    ".ssh",
    ".gnupg",
    ".aws",
    ".azure",
    ".config/gcloud",
    ".kube",
    ".docker/config.json",
    ".config/containers/auth.json",
    ".netrc",
    ".git-credentials",
    ".config/git/credentials",
    ".config/gh",
    ".config/hub",
    ".npmrc",
    ".pypirc",
    ".cargo/credentials.toml",
    ".cargo/credentials",
    ".gem/credentials",
    ".terraform.d/credentials.tfrc.json",
    ".vault-token",
    ".pgpass",
    ".my.cnf",
    ".claude/.credentials.json",
    ".config/maestro",
];

/// The credential files and directories of [`CREDENTIAL_FILES`] that exist under `home`.
#[must_use]
pub fn credential_files(home: &Path) -> Vec<PathBuf> {
    CREDENTIAL_FILES
        .iter()
        .map(|relative| home.join(relative))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect()
}

/// The names of `vars` (an environment) that hold a credential: by name (`…TOKEN`, `…SECRET…`,
/// `…PASSWORD…`, `…API_KEY`, `…ACCESS_KEY`, `…PRIVATE_KEY`, `…CREDENTIAL…`) or by value
/// (`is_secret`, the secret rules). A sandbox withholds them ([`Sandbox::withhold_env`](super::Sandbox::withhold_env)).
pub fn credential_variables<I>(vars: I, is_secret: impl Fn(&str) -> bool) -> Vec<String>
where
    I: IntoIterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
{
    const NAMES: [&str; 9] = [
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASSWD",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
        "CREDENTIAL",
    ];
    vars.into_iter()
        .filter_map(|(name, value)| {
            let name = name.into_string().ok()?;
            let upper = name.to_ascii_uppercase();
            let by_name = NAMES.iter().any(|n| upper.contains(n));
            let by_value = value.to_str().is_some_and(&is_secret);
            (by_name || by_value).then_some(name)
        })
        .collect()
}
