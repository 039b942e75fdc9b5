//! The checks of `workspace.json` that serde cannot make: ranges, URLs, host names, variable
//! names, paths.

use std::path::Path;

use super::workspace::{CONFIG_VERSION, STATE_DIR, WorkspaceConfig};

impl WorkspaceConfig {
    /// Checks the values serde cannot: ranges, URLs, host names, variable names.
    /// `crews.executor`: a Slurm executor needs the address nodes dial back, a listening
    /// address that is one, and resources for roles that exist.
    fn check_executor(&self) -> Result<(), (String, String)> {
        let executor = &self.crews.executor;
        let fail = |path: &str, message: String| Err((format!("crews.executor.{path}"), message));
        if let Some(listen) = &executor.listen
            && listen.parse::<std::net::SocketAddr>().is_err()
        {
            return fail("listen", format!("`{listen}` is not an ip:port address"));
        }
        for (name, resources) in &executor.resources {
            if name != "default" && name.parse::<crate::Role>().is_err() {
                return fail(
                    &format!("resources.{name}"),
                    "is neither `default` nor a role".to_owned(),
                );
            }
            if resources.cpus == Some(0)
                || resources.memory_mib == Some(0)
                || resources.time_minutes == Some(0)
            {
                return fail(
                    &format!("resources.{name}"),
                    "must be at least 1".to_owned(),
                );
            }
        }
        if executor.heartbeat_secs == Some(0) {
            return fail("heartbeatSecs", "must be at least 1".to_owned());
        }
        if executor.kind == super::crews::ExecutorKind::Slurm
            && executor.advertise.as_deref().is_none_or(str::is_empty)
        {
            return fail(
                "advertise",
                "is required with `slurm`: the host the nodes dial to reach this machine"
                    .to_owned(),
            );
        }
        Ok(())
    }

    /// Returns the JSON path and the problem.
    pub(super) fn validate(&self) -> Result<(), (String, String)> {
        let fail = |path: &str, message: String| Err((path.to_owned(), message));
        if self.version != CONFIG_VERSION {
            return fail(
                "version",
                format!(
                    "unsupported version {} (this maestro reads version {CONFIG_VERSION})",
                    self.version
                ),
            );
        }
        for (index, host) in self.data_residency.allow_hosts.iter().enumerate() {
            if let Err(message) = crate::egress::HostPattern::parse(host) {
                return fail(&format!("dataResidency.allowHosts[{index}]"), message);
            }
        }
        let urls = [
            ("anthropic.baseUrl", self.anthropic.base_url.as_deref()),
            ("github.apiUrl", Some(self.github.api_url.as_str())),
            ("licence.endpoint", self.licence.endpoint.as_deref()),
        ];
        for (path, value) in urls {
            if let Some(value) = value
                && let Err(message) = check_http_url(value)
            {
                return fail(path, message);
            }
        }
        for (path, name) in [
            ("anthropic.apiKeyEnv", &self.anthropic.api_key_env),
            ("github.tokenEnv", &self.github.token_env),
        ] {
            if let Err(message) = check_env_name(name) {
                return fail(path, message);
            }
        }
        if let Some(repository) = &self.github.repository
            && !is_owner_slash_name(repository)
        {
            return fail(
                "github.repository",
                format!("`{repository}` is not of the form owner/name"),
            );
        }
        if self.crews.max_concurrent == 0 {
            return fail("crews.maxConcurrent", "must be at least 1".to_owned());
        }
        if self.scan.max_file_size == 0 {
            return fail("scan.maxFileSize", "must be at least 1".to_owned());
        }
        for (index, dir) in self.crews.writable_dirs.iter().enumerate() {
            let path = Path::new(dir);
            if !(path.is_absolute() || dir == "~" || dir.starts_with("~/")) {
                return fail(
                    &format!("crews.writableDirs[{index}]"),
                    format!("`{dir}` must be an absolute path or start with `~/`"),
                );
            }
        }
        if self.crews.timeout_secs == 0 {
            return fail("crews.timeoutSecs", "must be at least 1".to_owned());
        }
        self.check_executor()?;
        for (key, budget) in [
            ("crews.maxBudgetUsd", self.crews.max_budget_usd),
            ("crews.voyageBudgetUsd", self.crews.voyage_budget_usd),
        ] {
            if let Some(budget) = budget
                && !(budget.is_finite() && budget > 0.0)
            {
                return fail(key, format!("must be a positive amount, not {budget}"));
            }
        }
        if let Some(file) = &self.audit.key_file
            && Path::new(file)
                .components()
                .any(|c| c.as_os_str() == STATE_DIR)
        {
            return fail(
                "audit.keyFile",
                format!(
                    "`{file}` is inside .mso/, where crews could read it; keep the key elsewhere"
                ),
            );
        }
        if let Some(name) = &self.audit.key_env
            && let Err(message) = check_env_name(name)
        {
            return fail("audit.keyEnv", message);
        }
        if self.agent.program.trim().is_empty() {
            return fail("agent.program", "must not be empty".to_owned());
        }
        let dir = Path::new(&self.worktrees.dir);
        if self.worktrees.dir.is_empty() || !crate::stays_inside(dir) {
            return fail(
                "worktrees.dir",
                format!(
                    "`{}` must be a relative path inside the repository",
                    self.worktrees.dir
                ),
            );
        }
        Ok(())
    }
}

fn check_http_url(value: &str) -> Result<(), String> {
    let url = url::Url::parse(value).map_err(|e| format!("`{value}` is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("`{value}` is not an http(s) URL"));
    }
    Ok(())
}

fn check_env_name(name: &str) -> Result<(), String> {
    if is_env_name(name) {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"
        ))
    }
}

fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn is_owner_slash_name(value: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    matches!(value.split_once('/'), Some((owner, name)) if ok(owner) && ok(name))
}
