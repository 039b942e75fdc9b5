//! Appending: finding the log's last entry (moving a torn fragment aside), writing entries after
//! it, and syncing them per the durability policy.

use std::io::{self, Write as _};
use std::time::Instant;

use jiff::Timestamp;

use super::{AppendError, Durability, Last, State};
use crate::event::Event;
use crate::hash::EntryHash;
use crate::line::{self, format_ts, parse_line};
use crate::receipt::Receipt;
use crate::tail::read_tail;

impl State {
    pub(super) fn io(&self, operation: &'static str, source: io::Error) -> AppendError {
        AppendError::Io {
            operation,
            path: self.log_path.clone(),
            source,
        }
    }

    pub(super) fn len(&self) -> Result<u64, AppendError> {
        self.log
            .metadata()
            .map(|m| m.len())
            .map_err(|e| self.io("stat", e))
    }

    /// The last entry, from the cache if no one appended since, else read back from the end.
    /// With `repair`, a final fragment without `\n` is moved aside first.
    pub(super) fn current_last(&mut self, repair: bool) -> Result<Last, AppendError> {
        let len = self.len()?;
        if let Some(last) = self.last.filter(|l| l.end == len) {
            return Ok(last);
        }
        self.last = None;
        let tail = read_tail(&self.log, len, 1).map_err(|e| self.io("read", e))?;
        if let Some((offset, fragment)) = tail.fragment {
            if !repair {
                return Err(AppendError::CorruptTail {
                    path: self.log_path.clone(),
                    offset,
                    problem: "has no newline (a torn write)".into(),
                });
            }
            let repaired = self.move_aside(offset, &fragment)?;
            return Ok(Last {
                seq: repaired.recorded.seq,
                hash: repaired.recorded.hash,
                end: self.len()?,
            });
        }
        let Some((offset, line)) = tail.lines.last() else {
            return Ok(Last {
                seq: 0,
                hash: EntryHash::ZERO,
                end: 0,
            });
        };
        let corrupt = |problem: String| AppendError::CorruptTail {
            path: self.log_path.clone(),
            offset: *offset,
            problem,
        };
        let parsed = parse_line(line).map_err(|e| {
            corrupt(format!(
                "is not a canonical entry ({} at byte {})",
                e.what, e.offset
            ))
        })?;
        if parsed.computed_hash(line) != parsed.hash {
            return Err(corrupt("does not hash to its recorded hash".into()));
        }
        let last = Last {
            seq: parsed.seq,
            hash: parsed.hash,
            end: len,
        };
        self.last = Some(last);
        Ok(last)
    }

    /// Formats and writes `events` after `last`, then syncs per the durability policy.
    pub(super) fn write_entries(
        &mut self,
        last: &mut Last,
        events: &[Event],
    ) -> Result<Vec<Receipt>, AppendError> {
        let now = format_ts(Timestamp::now());
        self.buf.clear();
        let mut receipts = Vec::with_capacity(events.len());
        let (mut seq, mut prev) = (last.seq, last.hash);
        for event in events {
            seq += 1;
            let event_ts = event.ts.map(format_ts);
            let ts = event_ts.as_deref().unwrap_or(&now);
            prev = line::write_line(&mut self.buf, event, seq, &prev, ts).map_err(|_| {
                AppendError::DetailsTooDeep {
                    action: event.action.clone(),
                    max: crate::canonical::MAX_DEPTH,
                }
            })?;
            receipts.push(Receipt { seq, hash: prev });
        }
        if let Err(e) = (&self.log).write_all(&self.buf) {
            self.last = None;
            return Err(self.io("write", e));
        }
        *last = Last {
            seq,
            hash: prev,
            end: last.end + self.buf.len() as u64,
        };
        self.last = Some(*last);
        self.unsynced += events.len();
        Ok(receipts)
    }

    /// Whether the durability policy asks for a sync now.
    pub(super) fn sync_due(&self) -> bool {
        match self.options.durability {
            Durability::EveryAppend => true,
            Durability::Grouped {
                max_entries,
                max_delay,
            } => self.unsynced >= max_entries.max(1) || self.last_sync.elapsed() >= max_delay,
        }
    }

    /// Whether the checkpoint policy asks for a checkpoint after a sync.
    pub(super) fn checkpoint_due(&self) -> bool {
        let policy = self.options.checkpoint;
        self.uncheckpointed >= policy.every_entries.max(1)
            || self.last_checkpoint.elapsed() >= policy.max_delay
    }

    /// Forces the log's written entries to disk.
    pub(super) fn sync_log(&mut self) -> Result<(), AppendError> {
        self.log.sync_data().map_err(|e| self.io("sync", e))?;
        self.uncheckpointed += self.unsynced;
        self.unsynced = 0;
        self.last_sync = Instant::now();
        Ok(())
    }
}
