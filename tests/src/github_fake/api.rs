//! The fake's endpoints: connection handling, the token check, faults, routing, refs and pull
//! requests.

use std::collections::HashSet;
use std::io::BufReader;
use std::net::TcpStream;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::http::{Answer, answer, failure, write_answer};
use super::objects::{create_blob, create_commit, create_tree};
use super::{FakePull, Fault, Kind, RecordedRequest, Shared, State};
use crate::wire::{Request, read_request};

pub(super) fn serve_connection(shared: &Shared, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let Ok(Some(incoming)) = read_request(&mut reader) else {
            return;
        };
        let close = incoming
            .headers
            .iter()
            .any(|(k, v)| k == "connection" && v.eq_ignore_ascii_case("close"));
        let answer = handle(shared, &incoming);
        if write_answer(&mut writer, &answer).is_err() || close {
            return;
        }
    }
}

fn handle(shared: &Shared, incoming: &Request) -> Answer {
    let authorization = incoming
        .headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.as_str());
    let token_matched = authorization == Some(format!("Bearer {}", shared.token).as_str());
    let mut state = shared.state();
    let answer = if !token_matched {
        failure(401, "Bad credentials")
    } else if let Some(fault) = state.faults.pop_front() {
        fault_answer(fault)
    } else if !incoming.headers.iter().any(|(k, _)| k == "user-agent") {
        failure(
            403,
            "Request forbidden by administrative rules. Please make sure your request has a User-Agent header",
        )
    } else {
        route(shared, &mut state, incoming)
    };
    state.requests.push(RecordedRequest {
        method: incoming.method.clone(),
        path: incoming.path.clone(),
        headers: incoming
            .headers
            .iter()
            .filter(|(k, _)| k != "authorization")
            .cloned()
            .collect(),
        token_matched,
        body: incoming.body.clone(),
        status: answer.status,
    });
    answer
}

fn fault_answer(fault: Fault) -> Answer {
    match fault {
        Fault::TooManyRequests { retry_after_secs } => Answer {
            status: 429,
            headers: vec![("retry-after".to_owned(), retry_after_secs.to_string())],
            body: json!({ "message": "Too many requests" }),
        },
        Fault::SecondaryRateLimit { retry_after_secs } => Answer {
            status: 403,
            headers: retry_after_secs
                .map(|secs| ("retry-after".to_owned(), secs.to_string()))
                .into_iter()
                .collect(),
            body: json!({ "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }),
        },
        Fault::PrimaryRateLimit { reset_after_secs } => {
            let now = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Answer {
                status: 403,
                headers: vec![
                    ("x-ratelimit-remaining".to_owned(), "0".to_owned()),
                    (
                        "x-ratelimit-reset".to_owned(),
                        (now + reset_after_secs).to_string(),
                    ),
                ],
                body: json!({ "message": "API rate limit exceeded" }),
            }
        }
    }
}

fn route(shared: &Shared, state: &mut State, incoming: &Request) -> Answer {
    let path = incoming.path.split('?').next().unwrap_or_default();
    let prefix = format!("/repos/{}/{}/", shared.owner, shared.name);
    let Some(rest) = path.strip_prefix(&prefix) else {
        return failure(404, "Not Found");
    };
    let body: Value = if incoming.body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&incoming.body) {
            Ok(body) => body,
            Err(_) => return failure(400, "Problems parsing JSON"),
        }
    };
    let rest = percent_decode(rest);
    match (incoming.method.as_str(), rest.as_str()) {
        ("GET", r) if r.starts_with("git/ref/") => get_ref(state, &r["git/ref/".len()..]),
        ("GET", r) if r.starts_with("git/commits/") => {
            get_commit(state, &r["git/commits/".len()..])
        }
        ("POST", "git/blobs") => create_blob(state, &body),
        ("POST", "git/trees") => create_tree(state, &body),
        ("POST", "git/commits") => create_commit(state, &body),
        ("POST", "git/refs") => create_ref(state, &body),
        ("PATCH", r) if r.starts_with("git/refs/") => {
            update_ref(state, &r["git/refs/".len()..], &body)
        }
        ("POST", "pulls") => create_pull(shared, state, &body),
        _ => failure(404, "Not Found"),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ref_json(name: &str, sha: &str) -> Value {
    json!({ "ref": name, "object": { "sha": sha, "type": "commit" } })
}

fn get_ref(state: &State, name: &str) -> Answer {
    let full = format!("refs/{name}");
    match state.refs.get(&full) {
        Some(sha) => answer(200, ref_json(&full, sha)),
        None => failure(404, "Not Found"),
    }
}

fn get_commit(state: &State, sha: &str) -> Answer {
    match state.commits.get(sha) {
        Some((_, json)) => answer(200, json.clone()),
        None => failure(404, "Not Found"),
    }
}

fn create_ref(state: &mut State, body: &Value) -> Answer {
    let (Some(name), Some(sha)) = (body["ref"].as_str(), body["sha"].as_str()) else {
        return failure(422, "Invalid request. \"ref\" and \"sha\" are required.");
    };
    if !name.starts_with("refs/") || name.matches('/').count() < 2 {
        return failure(
            422,
            "Reference name must start with 'refs' and have at least two slashes.",
        );
    }
    if state.refs.contains_key(name) {
        return failure(422, "Reference already exists");
    }
    if state.objects.get(sha) != Some(&Kind::Commit) {
        return failure(422, "Object does not exist");
    }
    state.refs.insert(name.to_owned(), sha.to_owned());
    answer(201, ref_json(name, sha))
}

fn update_ref(state: &mut State, name: &str, body: &Value) -> Answer {
    let full = format!("refs/{name}");
    let Some(sha) = body["sha"].as_str() else {
        return failure(422, "Invalid request. \"sha\" is required.");
    };
    let Some(old) = state.refs.get(&full).cloned() else {
        return failure(422, "Reference does not exist");
    };
    if state.objects.get(sha) != Some(&Kind::Commit) {
        return failure(422, "Object does not exist");
    }
    let force = body["force"].as_bool().unwrap_or(false);
    if !force && !is_ancestor(state, &old, sha) {
        return failure(422, "Update is not a fast forward");
    }
    state.refs.insert(full.clone(), sha.to_owned());
    answer(200, ref_json(&full, sha))
}

fn is_ancestor(state: &State, ancestor: &str, of: &str) -> bool {
    let mut pending = vec![of.to_owned()];
    let mut seen = HashSet::new();
    while let Some(sha) = pending.pop() {
        if sha == ancestor {
            return true;
        }
        if seen.insert(sha.clone())
            && let Some((commit, _)) = state.commits.get(&sha)
        {
            pending.extend(commit.parents.iter().cloned());
        }
    }
    false
}

fn create_pull(shared: &Shared, state: &mut State, body: &Value) -> Answer {
    let (Some(title), Some(head), Some(base)) = (
        body["title"].as_str(),
        body["head"].as_str(),
        body["base"].as_str(),
    ) else {
        return failure(
            422,
            "Invalid request. \"title\", \"head\" and \"base\" are required.",
        );
    };
    for (field, branch) in [("head", head), ("base", base)] {
        if !state.refs.contains_key(&format!("refs/heads/{branch}")) {
            return answer(
                422,
                json!({
                    "message": "Validation Failed",
                    "errors": [{ "resource": "PullRequest", "field": field, "code": "invalid" }],
                }),
            );
        }
    }
    let duplicate = state
        .pulls
        .iter()
        .any(|pull| pull.request["head"] == body["head"] && pull.request["base"] == body["base"]);
    if duplicate {
        return answer(
            422,
            json!({
                "message": "Validation Failed",
                "errors": [{ "resource": "PullRequest", "code": "custom",
                    "message": format!("A pull request already exists for {}:{head}.", shared.owner) }],
            }),
        );
    }
    let number = state.pulls.len() as u64 + 1;
    state.pulls.push(FakePull {
        number,
        request: body.clone(),
    });
    answer(
        201,
        json!({
            "number": number,
            "html_url": format!("http://{}/{}/{}/pull/{number}", shared.addr, shared.owner, shared.name),
            "state": "open",
            "title": title,
            "draft": body["draft"].as_bool().unwrap_or(false),
            "head": { "ref": head },
            "base": { "ref": base },
        }),
    )
}
