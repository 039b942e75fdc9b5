//! Test doubles that more than one module's tests use.

use std::sync::Mutex;

use crate::ports::{AuditEvent, AuditSink, PortError};

/// An audit log kept in memory.
#[derive(Debug, Default)]
pub(crate) struct MemoryAudit {
    /// Every entry, oldest first.
    pub(crate) events: Mutex<Vec<AuditEvent>>,
}

impl AuditSink for MemoryAudit {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        self.events.lock().expect("lock").push(event);
        Ok(())
    }

    fn recorded(
        &self,
        action: &str,
        subject: &str,
        key: &str,
        value: &str,
    ) -> Result<bool, PortError> {
        Ok(self.events.lock().expect("lock").iter().any(|e| {
            e.action == action
                && e.subject == subject
                && e.details.get(key).and_then(|v| v.as_str()) == Some(value)
        }))
    }
}

impl MemoryAudit {
    /// The action of every entry.
    pub(crate) fn actions(&self) -> Vec<String> {
        self.lines(|e| e.action.clone())
    }

    /// `<action> <subject>` of every entry.
    pub(crate) fn actions_and_subjects(&self) -> Vec<String> {
        self.lines(|e| format!("{} {}", e.action, e.subject))
    }

    fn lines(&self, line: impl Fn(&AuditEvent) -> String) -> Vec<String> {
        self.events.lock().expect("lock").iter().map(line).collect()
    }
}
