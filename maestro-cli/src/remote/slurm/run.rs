//! Running one Slurm command: piped stdin, stdout and stderr, and a time limit.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::SlurmError;

/// How much of a failing command's stderr an error carries.
const STDERR_LIMIT: usize = 2000;

/// Runs `command`, writing `stdin` to it, and returns its stdout when it exits 0 within
/// `timeout`; otherwise it is killed and the error carries its stderr.
pub(super) fn output(
    program: &str,
    command: &mut Command,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
) -> Result<String, SlurmError> {
    let mut child = command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SlurmError::Spawn {
            program: program.to_owned(),
            source,
        })?;
    let writer = child.stdin.take().zip(stdin).map(|(mut pipe, bytes)| {
        // A program that exits without reading its stdin closes the pipe: its exit status
        // tells what went wrong, not this write.
        thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let reader = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = reader(Box::new(child.stdout.take().expect("piped")));
    let stderr = reader(Box::new(child.stderr.take().expect("piped")));

    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() < timeout => thread::sleep(Duration::from_millis(5)),
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let stdout = stdout.join().unwrap_or_default();
    let stderr = clip(stderr.join().unwrap_or_default().trim());
    match status {
        None => Err(SlurmError::Timeout {
            program: program.to_owned(),
            timeout,
            stderr,
        }),
        Some(status) if status.success() => Ok(stdout),
        Some(status) => Err(SlurmError::Failed {
            program: program.to_owned(),
            status: status.to_string(),
            stderr,
        }),
    }
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(STDERR_LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
