//! What the hook client and the hook service say over the service's Unix socket: one request
//! (the event, the caller's working directory and hook environment, its stdin) and one reply
//! (the answer, or why the service will not answer this caller). Lengths are checked before
//! anything is allocated; a frame that breaks a limit is refused whole.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
use std::path::PathBuf;

use super::answer::{Answer, Event};

const REQUEST: &[u8; 4] = b"MHQ1";
const REPLY: &[u8; 4] = b"MHR1";
/// A path, a variable's name or value.
const MAX_SHORT: u32 = 64 * 1024;
/// Claude Code's hook input: one byte over maestro's own limit, so too much input is refused
/// by the hook's answer, as in the `maestro hook` process.
const MAX_INPUT: u32 = 64 * 1024 * 1024 + 1;
/// The answer's stdout or stderr.
const MAX_OUTPUT: u32 = 16 * 1024 * 1024;
/// Variables per request.
const MAX_VARIABLES: u8 = 16;

/// One hook call, as the client received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Which hook.
    pub event: Event,
    /// The client's working directory.
    pub cwd: PathBuf,
    /// The hook variables set in the client's environment (see `HookEnv::NAMES`).
    pub env: Vec<(String, OsString)>,
    /// The client's stdin.
    pub input: Vec<u8>,
}

/// The service's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// What the client prints and exits with.
    Answer(Answer),
    /// The service will not answer this client (the reason); the client answers itself.
    Refused(String),
}

/// Writes `request` to `w`.
pub fn write_request(w: &mut impl Write, request: &Request) -> io::Result<()> {
    let mut frame = Vec::with_capacity(request.input.len() + 256);
    frame.extend_from_slice(REQUEST);
    frame.push(match request.event {
        Event::PreToolUse => 0,
        Event::PostToolUse => 1,
    });
    put(&mut frame, request.cwd.as_os_str().as_bytes(), MAX_SHORT)?;
    let count = u8::try_from(request.env.len())
        .ok()
        .filter(|n| *n <= MAX_VARIABLES)
        .ok_or_else(|| invalid("too many variables"))?;
    frame.push(count);
    for (name, value) in &request.env {
        put(&mut frame, name.as_bytes(), MAX_SHORT)?;
        put(&mut frame, value.as_bytes(), MAX_SHORT)?;
    }
    put(&mut frame, &request.input, MAX_INPUT)?;
    w.write_all(&frame)?;
    w.flush()
}

/// Reads a request from `r`.
pub fn read_request(r: &mut impl Read) -> io::Result<Request> {
    magic(r, *REQUEST)?;
    let event = match byte(r)? {
        0 => Event::PreToolUse,
        1 => Event::PostToolUse,
        other => return Err(invalid(&format!("unknown hook event {other}"))),
    };
    let cwd = PathBuf::from(OsString::from_vec(take(r, MAX_SHORT)?));
    let count = byte(r)?;
    if count > MAX_VARIABLES {
        return Err(invalid("too many variables"));
    }
    let mut env = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let name = String::from_utf8(take(r, MAX_SHORT)?)
            .map_err(|_| invalid("a variable's name is not UTF-8"))?;
        let value = OsString::from_vec(take(r, MAX_SHORT)?);
        env.push((name, value));
    }
    let input = take(r, MAX_INPUT)?;
    Ok(Request {
        event,
        cwd,
        env,
        input,
    })
}

/// Writes `reply` to `w`.
pub fn write_reply(w: &mut impl Write, reply: &Reply) -> io::Result<()> {
    let mut frame = Vec::new();
    frame.extend_from_slice(REPLY);
    match reply {
        Reply::Answer(answer) => {
            frame.push(0);
            frame.push(answer.exit_code);
            put(&mut frame, answer.stdout.as_bytes(), MAX_OUTPUT)?;
            put(&mut frame, answer.stderr.as_bytes(), MAX_OUTPUT)?;
        }
        Reply::Refused(reason) => {
            frame.push(1);
            put(&mut frame, reason.as_bytes(), MAX_SHORT)?;
        }
    }
    w.write_all(&frame)?;
    w.flush()
}

/// Reads a reply from `r`.
pub fn read_reply(r: &mut impl Read) -> io::Result<Reply> {
    magic(r, *REPLY)?;
    let text = |r: &mut dyn Read, limit| {
        String::from_utf8(take(r, limit)?).map_err(|_| invalid("an answer is not UTF-8"))
    };
    match byte(r)? {
        0 => {
            let exit_code = byte(r)?;
            let stdout = text(r, MAX_OUTPUT)?;
            let stderr = text(r, MAX_OUTPUT)?;
            Ok(Reply::Answer(Answer {
                exit_code,
                stdout,
                stderr,
            }))
        }
        1 => Ok(Reply::Refused(text(r, MAX_SHORT)?)),
        other => Err(invalid(&format!("unknown reply {other}"))),
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

fn put(frame: &mut Vec<u8>, bytes: &[u8], limit: u32) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|n| *n <= limit)
        .ok_or_else(|| invalid("a field is larger than its limit"))?;
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(bytes);
    Ok(())
}

fn magic(r: &mut (impl Read + ?Sized), expected: [u8; 4]) -> io::Result<()> {
    let mut got = [0; 4];
    r.read_exact(&mut got)?;
    if got == expected {
        Ok(())
    } else {
        Err(invalid("not a maestro hook frame"))
    }
}

fn byte(r: &mut (impl Read + ?Sized)) -> io::Result<u8> {
    let mut b = [0; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn take(r: &mut (impl Read + ?Sized), limit: u32) -> io::Result<Vec<u8>> {
    let mut len = [0; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len);
    if len > limit {
        return Err(invalid("a field is larger than its limit"));
    }
    let mut bytes = Vec::new();
    r.take(u64::from(len)).read_to_end(&mut bytes)?;
    if bytes.len() != len as usize {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request {
        Request {
            event: Event::PostToolUse,
            cwd: PathBuf::from("/work/tree"),
            env: vec![("MAESTRO_VOYAGE".into(), "health".into())],
            input: br#"{"tool_name":"Write"}"#.to_vec(),
        }
    }

    #[test]
    fn request_and_reply_round_trip() {
        let mut bytes = Vec::new();
        write_request(&mut bytes, &request()).unwrap();
        assert_eq!(read_request(&mut bytes.as_slice()).unwrap(), request());
        for reply in [
            Reply::Answer(Answer {
                exit_code: 2,
                stdout: String::new(),
                stderr: "maestro blocked this tool call: no\n".into(),
            }),
            Reply::Refused("another mount namespace".into()),
        ] {
            let mut bytes = Vec::new();
            write_reply(&mut bytes, &reply).unwrap();
            assert_eq!(read_reply(&mut bytes.as_slice()).unwrap(), reply);
        }
    }

    #[test]
    fn truncated_or_foreign_frames_are_refused() {
        let mut bytes = Vec::new();
        write_request(&mut bytes, &request()).unwrap();
        for cut in [0, 3, 5, 12, bytes.len() - 1] {
            assert!(read_request(&mut &bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut foreign = bytes.clone();
        foreign[0] = b'X';
        assert!(read_request(&mut foreign.as_slice()).is_err());
        let mut event = bytes.clone();
        event[4] = 7;
        assert!(read_request(&mut event.as_slice()).is_err());
        // A reply is not a request.
        let mut reply = Vec::new();
        write_reply(&mut reply, &Reply::Refused("x".into())).unwrap();
        assert!(read_request(&mut reply.as_slice()).is_err());
    }

    #[test]
    fn lengths_over_the_limits_are_refused_before_reading() {
        // A declared 4 GiB input is refused from its length alone.
        let mut bytes = Vec::new();
        bytes.extend_from_slice(REQUEST);
        bytes.push(0);
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        let error = read_request(&mut bytes.as_slice()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        let many = Request {
            env: (0..17).map(|i| (format!("V{i}"), "x".into())).collect(),
            ..request()
        };
        assert!(write_request(&mut Vec::new(), &many).is_err());
    }
}
