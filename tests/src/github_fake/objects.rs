//! Git objects the fake creates, with their ids computed the way git computes them.

use std::collections::HashSet;

use base64::Engine as _;
use serde_json::{Value, json};
use sha1::Digest as _;

use super::http::{Answer, answer, failure};
use super::{FakeCommit, Kind, State};

/// `sha1("<kind> <len>\0" + content)` in hex: a git object id.
#[must_use]
pub fn git_object_id(kind: &str, content: &[u8]) -> String {
    let mut hasher = sha1::Sha1::new();
    hasher.update(format!("{kind} {}\0", content.len()).as_bytes());
    hasher.update(content);
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(40), |mut out, byte| {
            out.push_str(&format!("{byte:02x}"));
            out
        })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 40 {
        return None;
    }
    (0..40)
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

pub(super) fn create_blob(state: &mut State, body: &Value) -> Answer {
    let Some(content) = body["content"].as_str() else {
        return failure(422, "Invalid request. \"content\" wasn't supplied.");
    };
    let data = match body["encoding"].as_str().unwrap_or("utf-8") {
        "base64" => match base64::engine::general_purpose::STANDARD.decode(content) {
            Ok(data) => data,
            Err(_) => return failure(422, "content is not valid Base64"),
        },
        "utf-8" => content.as_bytes().to_vec(),
        other => return failure(422, &format!("encoding {other} is not supported")),
    };
    let sha = git_object_id("blob", &data);
    state.objects.insert(sha.clone(), Kind::Blob);
    answer(201, json!({ "sha": sha }))
}

pub(super) fn create_tree(state: &mut State, body: &Value) -> Answer {
    if body.get("base_tree").is_some() {
        return failure(422, "the fake does not support base_tree");
    }
    let Some(entries) = body["tree"].as_array() else {
        return failure(422, "Invalid request. \"tree\" wasn't supplied.");
    };
    let mut parsed: Vec<(Vec<u8>, &str, Vec<u8>, bool)> = Vec::new();
    let mut names = HashSet::new();
    for entry in entries {
        let (Some(path), Some(mode), Some(kind), Some(sha)) = (
            entry["path"].as_str(),
            entry["mode"].as_str(),
            entry["type"].as_str(),
            entry["sha"].as_str(),
        ) else {
            return failure(422, "tree entries need path, mode, type and sha");
        };
        if path.is_empty() || path.contains('/') || path == "." || path == ".." {
            return failure(
                422,
                &format!("tree.path {path:?} is not supported by the fake"),
            );
        }
        if !names.insert(path) {
            return failure(422, &format!("tree.path {path:?} appears twice"));
        }
        let (git_mode, expected) = match mode {
            "100644" => ("100644", Kind::Blob),
            "100755" => ("100755", Kind::Blob),
            "120000" => ("120000", Kind::Blob),
            "040000" => ("40000", Kind::Tree),
            "160000" => ("160000", Kind::Commit),
            other => return failure(422, &format!("tree.mode {other} is invalid")),
        };
        let kind_ok = matches!(
            (kind, expected),
            ("blob", Kind::Blob) | ("tree", Kind::Tree) | ("commit", Kind::Commit)
        );
        if !kind_ok {
            return failure(422, &format!("tree.type {kind} does not match mode {mode}"));
        }
        let Some(raw) = unhex(sha) else {
            return failure(422, &format!("tree.sha {sha} is not a valid object id"));
        };
        // Submodule commits live in another repository; everything else must be here.
        if expected != Kind::Commit && state.objects.get(sha) != Some(&expected) {
            return failure(422, &format!("tree.sha {sha} is not a valid {kind}"));
        }
        parsed.push((
            path.as_bytes().to_vec(),
            git_mode,
            raw,
            expected == Kind::Tree,
        ));
    }
    // Git's order: by name, a tree's name compared as if it ended in '/'.
    parsed.sort_by(|a, b| {
        let key = |(name, _, _, is_tree): &(Vec<u8>, &str, Vec<u8>, bool)| {
            let mut key = name.clone();
            if *is_tree {
                key.push(b'/');
            }
            key
        };
        key(a).cmp(&key(b))
    });
    let mut content = Vec::new();
    for (name, mode, raw, _) in &parsed {
        content.extend_from_slice(mode.as_bytes());
        content.push(b' ');
        content.extend_from_slice(name);
        content.push(0);
        content.extend_from_slice(raw);
    }
    let sha = git_object_id("tree", &content);
    state.objects.insert(sha.clone(), Kind::Tree);
    answer(201, json!({ "sha": sha, "tree": entries }))
}

/// `name <email> <seconds> <+hhmm>` from an API person, or an error message.
fn signature(person: &Value) -> Result<String, String> {
    let (Some(name), Some(email), Some(date)) = (
        person["name"].as_str(),
        person["email"].as_str(),
        person["date"].as_str(),
    ) else {
        return Err("author and committer need name, email and date in the fake".to_owned());
    };
    let (seconds, offset) =
        parse_iso8601(date).ok_or_else(|| format!("date {date:?} is invalid"))?;
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    Ok(format!(
        "{name} <{email}> {seconds} {sign}{:02}{:02}",
        minutes / 60,
        minutes % 60
    ))
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`: epoch seconds and the offset in seconds.
fn parse_iso8601(text: &str) -> Option<(i64, i64)> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || bytes[10] != b'T'
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let offset = match &text[19..] {
        "Z" => 0,
        zone if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
            let magnitude = number(20..22)? * 3600 + number(23..25)? * 60;
            match zone.as_bytes()[0] {
                b'+' => magnitude,
                b'-' => -magnitude,
                _ => return None,
            }
        }
        _ => return None,
    };
    // Days since the epoch of a proleptic Gregorian date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let local = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some((local - offset, offset))
}

pub(super) fn create_commit(state: &mut State, body: &Value) -> Answer {
    let (Some(message), Some(tree)) = (body["message"].as_str(), body["tree"].as_str()) else {
        return failure(
            422,
            "Invalid request. \"message\" and \"tree\" are required.",
        );
    };
    if state.objects.get(tree) != Some(&Kind::Tree) {
        return failure(422, &format!("Tree SHA {tree} does not exist"));
    }
    let mut parents = Vec::new();
    for parent in body["parents"].as_array().map_or(&[][..], Vec::as_slice) {
        match parent.as_str() {
            Some(sha) if state.objects.get(sha) == Some(&Kind::Commit) => {
                parents.push(sha.to_owned());
            }
            _ => return failure(422, &format!("Parent SHA {parent} does not exist")),
        }
    }
    let author = body.get("author").unwrap_or(&Value::Null);
    let committer = body.get("committer").unwrap_or(author);
    let (author_line, committer_line) = match (signature(author), signature(committer)) {
        (Ok(a), Ok(c)) => (a, c),
        (Err(e), _) | (_, Err(e)) => return failure(422, &e),
    };
    let mut text = format!("tree {tree}\n");
    for parent in &parents {
        text.push_str(&format!("parent {parent}\n"));
    }
    text.push_str(&format!(
        "author {author_line}\ncommitter {committer_line}\n"
    ));
    if let Some(signature) = body["signature"].as_str() {
        text.push_str("gpgsig ");
        text.push_str(&signature.replace('\n', "\n "));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(message);
    let sha = git_object_id("commit", text.as_bytes());
    let commit = FakeCommit {
        tree: tree.to_owned(),
        parents: parents.clone(),
        message: message.to_owned(),
    };
    let json = json!({
        "sha": sha,
        "tree": { "sha": tree },
        "parents": parents.iter().map(|p| json!({ "sha": p })).collect::<Vec<_>>(),
        "message": message,
        "author": author,
        "committer": committer,
    });
    state.objects.insert(sha.clone(), Kind::Commit);
    state.commits.insert(sha.clone(), (commit, json.clone()));
    answer(201, json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids_match_git() {
        // `git hash-object` of "hello\n" and of the empty tree.
        assert_eq!(
            git_object_id("blob", b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(
            git_object_id("tree", b""),
            "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
        );
    }

    #[test]
    fn dates_parse_with_their_offsets() {
        assert_eq!(
            parse_iso8601("2026-01-01T00:00:00Z"),
            Some((1_767_225_600, 0))
        );
        assert_eq!(
            parse_iso8601("2026-01-01T02:00:00+02:00"),
            Some((1_767_225_600, 7200))
        );
        assert_eq!(
            parse_iso8601("2025-12-31T18:30:00-05:30"),
            Some((1_767_225_600, -19_800))
        );
        assert_eq!(
            parse_iso8601("2000-02-29T00:00:00+00:00"),
            Some((951_782_400, 0))
        );
        assert_eq!(parse_iso8601("2026-01-01 00:00:00Z"), None);
    }
}
