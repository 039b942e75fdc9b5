//! The guard against real loopback servers and a resolver that records every lookup.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Mutex;

use super::*;
use crate::egress::HostPattern;

/// Records the names it is asked for and resolves none of them.
#[derive(Default)]
struct RecordingResolver {
    asked: Mutex<Vec<String>>,
}

impl Resolve for RecordingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        self.asked
            .lock()
            .expect("not poisoned")
            .push(name.as_str().to_owned());
        Box::pin(async { Err("the test resolver resolves nothing".into()) })
    }
}

impl RecordingResolver {
    fn asked(&self) -> Vec<String> {
        self.asked.lock().expect("not poisoned").clone()
    }
}

/// A loopback HTTP server answering `count` requests with `response(path)`.
fn serve(count: usize, response: fn(&str) -> String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for _ in 0..count {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let text = String::from_utf8_lossy(&request);
            let path = text.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let _ = stream.write_all(response(&path).as_bytes());
        }
    });
    port
}

fn ok(_: &str) -> String {
    "HTTP/1.1 200 OK\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello".to_owned()
}

fn client(policy: EgressPolicy) -> (HttpClient, Arc<RecordingResolver>) {
    let resolver = Arc::new(RecordingResolver::default());
    let client = HttpClient::with_resolver(
        policy,
        &HttpOptions::default(),
        Arc::clone(&resolver) as Arc<dyn Resolve>,
    )
    .expect("client");
    (client, resolver)
}

fn standard(hosts: &[&str]) -> EgressPolicy {
    EgressPolicy::standard(
        hosts
            .iter()
            .map(|h| HostPattern::parse(h).expect("valid"))
            .collect(),
    )
}

#[test]
fn loopback_is_reached_without_any_lookup() {
    for policy in [EgressPolicy::air_gapped(), standard(&[])] {
        let (client, resolver) = client(policy);
        for host in ["127.0.0.1", "localhost"] {
            let port = serve(1, ok);
            let response = client
                .send(get(format!("http://{host}:{port}/x")))
                .expect("loopback is allowed");
            assert_eq!(
                (response.status().as_u16(), response.body().as_slice()),
                (200, &b"hello"[..])
            );
        }
        assert!(resolver.asked().is_empty(), "{:?}", resolver.asked());
    }
}

#[test]
fn refused_destinations_are_never_looked_up() {
    let cases = [
        (
            EgressPolicy::air_gapped(),
            "https://api.anthropic.com/v1/messages",
            "refused https://api.anthropic.com/v1/messages: only loopback is allowed (egress policy: air-gapped)",
        ),
        (
            EgressPolicy::air_gapped(),
            "https://allowed.invalid/",
            "only loopback is allowed (egress policy: air-gapped)",
        ),
        (
            standard(&["allowed.invalid"]),
            "https://evil.invalid/",
            "refused https://evil.invalid/: host evil.invalid is not an allowed destination (egress policy: standard)",
        ),
        (
            standard(&["allowed.invalid"]),
            "https://198.51.100.7/",
            "host 198.51.100.7 is not an allowed destination",
        ),
        (
            standard(&["allowed.invalid"]),
            "http://allowed.invalid/",
            "plain http is only allowed to loopback",
        ),
    ];
    for (policy, url, message) in cases {
        let (client, resolver) = client(policy);
        let err = client.send(get(url)).expect_err(url);
        assert!(matches!(err, HttpError::Refused(_)), "{url}: {err:?}");
        assert!(err.to_string().contains(message), "{url}: {err}");
        assert!(
            resolver.asked().is_empty(),
            "{url}: looked up {:?}",
            resolver.asked()
        );
    }
}

#[test]
fn allowed_names_go_to_the_resolver() {
    let (client, resolver) = client(standard(&["allowed.invalid"]));
    let err = client
        .send(get("https://allowed.invalid/x"))
        .expect_err("the test resolver resolves nothing");
    assert!(matches!(err, HttpError::Send { .. }), "{err:?}");
    assert_eq!(resolver.asked(), ["allowed.invalid"]);
}

#[test]
fn redirects_are_checked_by_the_same_guard() {
    fn to_refused_host(_: &str) -> String {
        "HTTP/1.1 302 Found\r\nlocation: https://evil.invalid/stolen\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
    }
    fn to_ip_literal(_: &str) -> String {
        "HTTP/1.1 307 Temporary Redirect\r\nlocation: https://203.0.113.9/x\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
    }
    fn to_loopback(path: &str) -> String {
        if path == "/start" {
            "HTTP/1.1 302 Found\r\nlocation: /done\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
        } else {
            ok(path)
        }
    }
    for handler in [to_refused_host as fn(&str) -> String, to_ip_literal] {
        let (client, resolver) = client(standard(&[]));
        let port = serve(1, handler);
        let err = client
            .send(get(format!("http://127.0.0.1:{port}/start")))
            .expect_err("redirect refused");
        assert!(matches!(err, HttpError::Refused(_)), "{err:?}");
        assert!(resolver.asked().is_empty());
    }
    let (client, _) = client(EgressPolicy::air_gapped());
    let port = serve(2, to_loopback);
    let response = client
        .send(get(format!("http://127.0.0.1:{port}/start")))
        .expect("a loopback redirect is followed");
    assert_eq!(response.status(), 200);
}

#[test]
fn header_values_cannot_smuggle_lines() {
    // The request cannot even be made: `http` refuses a header value with a line break.
    let smuggled = http::Request::get("http://127.0.0.1:9/")
        .header("x-a", "b\r\nhost: evil")
        .body(Vec::<u8>::new());
    assert!(smuggled.is_err());
}

/// A `GET` of `url`.
fn get(url: impl AsRef<str>) -> Request {
    http::Request::get(url.as_ref())
        .body(Vec::new())
        .expect("a valid request")
}
