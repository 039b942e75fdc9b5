//! The hook service's scanners, kept between calls: one per `workspace.json` (by the SHA-256 of
//! its bytes, so a changed configuration gets a new scanner), each remembering what it found
//! in the last texts it scanned. A scan is a function of the request alone for one
//! configuration (kinds, path, text, base), so an answer kept for the same request is the
//! answer; nothing a caller says is trusted as a key, the key is computed from the bytes.
//!
//! The pre-tool hook knows the file a `Write` or `Edit` will leave; the service starts the code
//! scan of it then, so the post-tool hook, a few milliseconds later, finds it done or running
//! and waits for it rather than scanning again.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use maestro_core::WorkspaceConfig;
use maestro_core::hook::{HookContext, ToolCall};
use maestro_core::ports::{ScanKinds, ScanOutcome, ScanRequest, Scanner};
use sha2::Digest as _;

use super::answer::Scanners;
use crate::wiring::ScanPort;

/// Scans remembered per scanner; the oldest is forgotten first.
const REMEMBERED: usize = 256;
/// Texts larger than this are scanned each time (what is remembered is small either way, but
/// hashing a large text twice is not free).
const LARGEST_REMEMBERED: usize = 4 * 1024 * 1024;
/// Syntax trees kept per configuration: a file edited again is parsed again only where it
/// changed.
const TREES: usize = 64;
/// Configurations kept (a run has one; a changed one gets refused by the hooks anyway).
const CONFIGURATIONS: usize = 4;

type Key = [u8; 32];

/// A scan done, or under way in another thread.
enum Slot {
    Running,
    Done(ScanOutcome),
}

/// A scanner that remembers its last answers.
pub(super) struct KeptScanner {
    inner: ScanPort,
    slots: Mutex<(HashMap<Key, Slot>, VecDeque<Key>)>,
    done: Condvar,
    /// Scans run by the inner scanner (the rest were answered from memory).
    scans: AtomicUsize,
}

impl KeptScanner {
    fn new(inner: ScanPort) -> KeptScanner {
        KeptScanner {
            inner,
            slots: Mutex::new((HashMap::new(), VecDeque::new())),
            done: Condvar::new(),
            scans: AtomicUsize::new(0),
        }
    }

    fn key(request: &ScanRequest<'_>) -> Key {
        let mut hash = sha2::Sha256::new();
        hash.update([match request.kinds {
            ScanKinds::Secrets => 0u8,
            ScanKinds::Code => 1,
            ScanKinds::All => 2,
        }]);
        // Each field with its length, so no two requests share a byte stream.
        let mut field = |bytes: Option<&[u8]>| match bytes {
            None => hash.update([0u8]),
            Some(bytes) => {
                hash.update([1u8]);
                hash.update((bytes.len() as u64).to_le_bytes());
                hash.update(bytes);
            }
        };
        field(request.path.map(str::as_bytes));
        field(Some(request.text));
        field(request.base);
        hash.finalize().into()
    }
}

impl Scanner for KeptScanner {
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome {
        if request.text.len() > LARGEST_REMEMBERED {
            return self.inner.scan(request);
        }
        let key = KeptScanner::key(request);
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match slots.0.get(&key) {
                Some(Slot::Done(outcome)) => return outcome.clone(),
                Some(Slot::Running) => {
                    slots = self
                        .done
                        .wait(slots)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                None => break,
            }
        }
        slots.0.insert(key, Slot::Running);
        drop(slots);
        // A panic in the scan must not leave waiters waiting for ever: the slot is cleared
        // before the panic goes on.
        self.scans.fetch_add(1, Ordering::Relaxed);
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.inner.scan(request)));
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        let (map, order) = &mut *slots;
        match &outcome {
            Ok(outcome) => {
                map.insert(key, Slot::Done(outcome.clone()));
                order.push_back(key);
                while order.len() > REMEMBERED {
                    if let Some(old) = order.pop_front() {
                        map.remove(&old);
                    }
                }
            }
            Err(_) => {
                map.remove(&key);
            }
        }
        drop(slots);
        self.done.notify_all();
        outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }

    fn redact(&self, text: &str) -> Option<String> {
        self.inner.redact(text)
    }
}

/// The service's scanners, by configuration.
#[derive(Default)]
pub(super) struct KeptScanners {
    by_config: Mutex<VecDeque<(Key, Arc<KeptScanner>)>>,
}

impl std::fmt::Debug for KeptScanners {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptScanners").finish_non_exhaustive()
    }
}

impl Scanners for KeptScanners {
    fn scanner(
        &self,
        config: &WorkspaceConfig,
        config_bytes: Option<&[u8]>,
    ) -> anyhow::Result<Arc<dyn Scanner>> {
        let key: Key = sha2::Sha256::digest(config_bytes.unwrap_or_default()).into();
        let mut kept = self
            .by_config
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((_, scanner)) = kept.iter().find(|(k, _)| *k == key) {
            return Ok(scanner.clone());
        }
        let scanner = Arc::new(KeptScanner::new(
            ScanPort::new(config)?.keeping_trees(TREES),
        ));
        kept.push_back((key, scanner.clone()));
        if kept.len() > CONFIGURATIONS {
            kept.pop_front();
        }
        Ok(scanner)
    }

    fn will_write(&self, scanner: &Arc<dyn Scanner>, call: &ToolCall, ctx: &HookContext) {
        if let Some((path, bytes)) = maestro_core::hook::written_file(call, ctx) {
            prescan(scanner, path, bytes);
        }
    }
}

/// Starts, in a thread of its own, the code scan the post-tool hook will ask for `bytes` at
/// `path`; its answer is kept for it.
fn prescan(scanner: &Arc<dyn Scanner>, path: String, bytes: Vec<u8>) {
    let scanner = scanner.clone();
    let started = std::thread::Builder::new()
        .name("hook-prescan".into())
        .spawn(move || {
            scanner.scan(&ScanRequest {
                kinds: ScanKinds::Code,
                path: Some(&path),
                text: &bytes,
                base: None,
            });
        });
    if let Err(e) = started {
        tracing::debug!("no early scan: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(text: &'a [u8], path: &'a str) -> ScanRequest<'a> {
        ScanRequest {
            kinds: ScanKinds::Code,
            path: Some(path),
            text,
            base: None,
        }
    }

    #[test]
    fn a_kept_answer_is_the_answer_for_the_same_request_only() {
        let scanners = KeptScanners::default();
        let config = WorkspaceConfig::default();
        let scanner = scanners.scanner(&config, Some(b"{}")).unwrap();
        let insecure = b"import os\nos.system(input())\n";
        let fixed = b"import os\nos.system('ls')\n";
        let first = scanner.scan(&request(insecure, "a.py"));
        assert!(!first.findings.is_empty(), "{first:?}");
        assert_eq!(scanner.scan(&request(insecure, "a.py")), first);
        // Another text at the same path, the same text under a path of no language, the same
        // text as secrets: each scanned for itself.
        assert!(scanner.scan(&request(fixed, "a.py")).findings.is_empty());
        assert!(
            scanner
                .scan(&request(insecure, "a.txt"))
                .findings
                .is_empty()
        );
        let secrets = ScanRequest {
            kinds: ScanKinds::Secrets,
            ..request(insecure, "a.py")
        };
        assert!(scanner.scan(&secrets).findings.is_empty());
        // One scanner per configuration.
        let same = scanners.scanner(&config, Some(b"{}")).unwrap();
        assert!(Arc::ptr_eq(&scanner, &same));
        let other = scanners.scanner(&config, Some(b"{ }")).unwrap();
        assert!(!Arc::ptr_eq(&scanner, &other));
    }

    #[test]
    fn a_scan_started_early_is_waited_for_not_repeated() {
        let kept = Arc::new(KeptScanner::new(
            ScanPort::new(&WorkspaceConfig::default()).unwrap(),
        ));
        let scanner: Arc<dyn Scanner> = kept.clone();
        let text = b"import os\nos.system(input())\n".to_vec();
        // Whichever comes first, the early scan or the hook's, the other waits for it.
        prescan(&scanner, "b.py".into(), text.clone());
        let outcome = scanner.scan(&request(&text, "b.py"));
        assert!(!outcome.findings.is_empty());
        assert_eq!(scanner.scan(&request(&text, "b.py")), outcome);
        assert_eq!(kept.scans.load(Ordering::Relaxed), 1);
    }
}
