//! `workspace.json` under watch while crews run: read once when the run starts, and any change
//! after that named by the keys that changed (a crew must not change the rules that watch it).

use std::path::PathBuf;
use std::time::Duration;

use super::DispatchError;
use crate::config::WorkspaceConfig;
use crate::name::VoyageName;
use crate::store::Store;

/// The configuration a run started with.
#[derive(Debug)]
pub(super) struct ConfigWatch {
    path: PathBuf,
    /// SHA-256 of the file's bytes at the start, hex.
    pub hash: String,
    start: serde_json::Value,
    /// The hash last seen, so a file changed once is reported once.
    seen: String,
}

impl ConfigWatch {
    /// How often the file is looked at while crews run.
    pub const PERIOD: Duration = Duration::from_millis(500);

    /// Reads the file the run starts with; it must be the configuration the run was built
    /// from.
    pub fn start(
        store: &Store,
        config: &WorkspaceConfig,
        voyage: &VoyageName,
    ) -> Result<ConfigWatch, DispatchError> {
        let path = store.config_path();
        let invalid = |reason: String| DispatchError::Invalid {
            voyage: voyage.to_string(),
            reason,
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
        let parsed = WorkspaceConfig::parse(&bytes, &path).map_err(|e| invalid(e.to_string()))?;
        if parsed != *config {
            return Err(invalid(format!(
                "{} changed while the run was starting; start it again",
                path.display()
            )));
        }
        let hash = crate::hook::config_hash(&bytes);
        Ok(ConfigWatch {
            path,
            seen: hash.clone(),
            start: serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
            hash,
        })
    }

    /// The keys that differ from the start, when the file changed since it was last looked at.
    pub fn changed(&mut self) -> Option<Vec<String>> {
        let Ok(bytes) = std::fs::read(&self.path) else {
            if self.seen.is_empty() {
                return None;
            }
            self.seen.clear();
            return Some(vec!["(the whole file: it was removed)".to_owned()]);
        };
        let hash = crate::hook::config_hash(&bytes);
        if hash == self.seen {
            return None;
        }
        self.seen = hash;
        let Ok(now) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return Some(vec!["(the whole file: it is not valid JSON)".to_owned()]);
        };
        let mut keys = Vec::new();
        differences(&self.start, &now, "", &mut keys);
        if keys.is_empty() {
            // Same content, other bytes (formatting): still not the file the run started with.
            keys.push("(formatting only)".to_owned());
        }
        Some(keys)
    }
}

/// The dotted paths at which `a` and `b` differ (objects are compared key by key; anything
/// else as a whole).
fn differences(
    before: &serde_json::Value,
    after: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    match (before, after) {
        (Value::Object(old), Value::Object(new)) => {
            let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                match (old.get(key), new.get(key)) {
                    (Some(was), Some(is)) => differences(was, is, &path, out),
                    _ => out.push(path),
                }
            }
        }
        _ if before != after => out.push(if at.is_empty() {
            "(the whole file)".to_owned()
        } else {
            at.to_owned()
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_keys_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, _) = Store::init(dir.path(), false).expect("init");
        let config = store.config().expect("config");
        let voyage: VoyageName = "v".parse().expect("name");
        let mut watch = ConfigWatch::start(&store, &config, &voyage).expect("starts");
        assert_eq!(watch.changed(), None);
        let mut changed = config.clone();
        changed.scan.allow = vec!["**".into()];
        changed.scan.block_secrets = false;
        std::fs::write(store.config_path(), changed.to_pretty_json()).expect("write");
        assert_eq!(
            watch.changed(),
            Some(vec![
                "scan.allow".to_owned(),
                "scan.blockSecrets".to_owned()
            ])
        );
        // Reported once, not on every look.
        assert_eq!(watch.changed(), None);
        std::fs::write(store.config_path(), "{ not json").expect("write");
        assert_eq!(
            watch.changed(),
            Some(vec!["(the whole file: it is not valid JSON)".to_owned()])
        );
        // A run refuses to start from a configuration that is not the file's.
        assert!(ConfigWatch::start(&store, &config, &voyage).is_err());
    }
}
