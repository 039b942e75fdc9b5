//! The channel over real TLS on loopback: what a job fetches and sends, and what it cannot do
//! with another attempt's token, an expired one, a certificate other than the pinned one, or
//! bodies past their limits.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use super::client::{ChannelClient, ChannelError};
use super::server::{AttemptSpec, ControlServer, Limits};
use super::wire::{JobEvent, JobResult, WorkOrder};

fn work(order: &str) -> WorkOrder {
    WorkOrder {
        voyage: "v1".into(),
        order: order.into(),
        role: "builder".into(),
        attempt: 1,
        base: "0123456789abcdef0123456789abcdef01234567".into(),
        prompt: "do it".into(),
        command: Some(vec!["sh".into(), "-c".into(), "true".into()]),
        env: vec![("MAESTRO_ORDER".into(), order.into())],
        timeout_secs: 60,
        session_id: None,
        workspace_json: "{}".into(),
        heartbeat_secs: 5,
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    server: ControlServer,
    base: PathBuf,
    result: PathBuf,
}

fn setup(limits: Limits) -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path().join("base.bundle");
    std::fs::write(&base, b"bundle bytes \x00\x01\x02").expect("write");
    let server = ControlServer::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        "127.0.0.1",
        limits,
    )
    .expect("server");
    Setup {
        result: dir.path().join("result.bundle"),
        base,
        server,
        _dir: dir,
    }
}

fn spec(s: &Setup, order: &str, lifetime: Duration) -> AttemptSpec {
    AttemptSpec {
        work: work(order),
        base_bundle: s.base.clone(),
        result_bundle: s.result.clone(),
        secret: Some("sk-ant-api03-the-key".into()),
        lifetime,
    }
}

/// Runs the blocking client calls of `job` off the async runtime.
async fn job<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("job thread")
}

/// What a job is given to reach the channel: its URL, the pinned certificate and a token.
#[derive(Clone)]
struct Ticket {
    url: String,
    pem: String,
    token: String,
}

impl Ticket {
    fn new(s: &Setup, token: &str) -> Ticket {
        Ticket {
            url: s.server.url().to_owned(),
            pem: s.server.certificate_pem().to_owned(),
            token: token.to_owned(),
        }
    }

    /// The job's client; built and dropped on the job's thread (it blocks).
    fn client(&self) -> ChannelClient {
        ChannelClient::new(&self.url, &self.pem, &self.token, Duration::from_secs(10))
            .expect("client")
    }
}

fn status(result: Result<impl std::fmt::Debug, ChannelError>) -> u16 {
    match result {
        Err(ChannelError::Status { status, .. }) => status,
        other => panic!("expected an error status, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_fetches_its_work_and_sends_events_bundle_and_result() {
    let s = setup(Limits::default());
    let mut handle = s
        .server
        .register(spec(&s, "api", Duration::from_secs(60)))
        .expect("register");
    let ticket = Ticket::new(&s, handle.token());
    let dir = s.result.parent().expect("dir").to_owned();
    let (work, secret, fetched) = job(move || {
        let c = ticket.client();
        let work = c.work().expect("work");
        let secret = c.secret().expect("secret");
        let dest = dir.join("fetched.bundle");
        c.base_bundle(&dest).expect("bundle");
        c.events(&[
            JobEvent::Started {
                node: "node1".into(),
            },
            JobEvent::Heartbeat,
            JobEvent::Log {
                line: "{\"type\":\"result\"}".into(),
            },
        ])
        .expect("events");
        let crew_bundle = dir.join("crew.bundle");
        std::fs::write(&crew_bundle, b"the crew's commit").expect("write");
        c.result_bundle(&crew_bundle).expect("result bundle");
        c.result(&JobResult {
            success: true,
            exit_code: Some(0),
            commit: Some("feed".into()),
            ..JobResult::default()
        })
        .expect("result");
        // Nothing is taken after the result.
        let late = status(c.events(&[JobEvent::Heartbeat]));
        let again = status(c.result(&JobResult::default()));
        assert_eq!((late, again), (409, 409));
        (work, secret, std::fs::read(dest).expect("read"))
    })
    .await;
    assert_eq!(work, self::work("api"));
    assert_eq!(secret.as_deref(), Some("sk-ant-api03-the-key"));
    assert_eq!(fetched, b"bundle bytes \x00\x01\x02");
    let mut events = Vec::new();
    while let Ok(event) = handle.events.try_recv() {
        events.push(event);
    }
    assert_eq!(
        events,
        [
            JobEvent::Started {
                node: "node1".into()
            },
            JobEvent::Heartbeat,
            JobEvent::Log {
                line: "{\"type\":\"result\"}".into()
            }
        ]
    );
    assert_eq!(
        std::fs::read(&s.result).expect("bundle kept"),
        b"the crew's commit"
    );
    let result = (&mut handle.result).await.expect("result");
    assert_eq!(result.commit.as_deref(), Some("feed"));
    assert!(handle.silent_for() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_registered_unexpired_token_opens_its_own_attempt() {
    let s = setup(Limits::default());
    let a = s
        .server
        .register(spec(&s, "api", Duration::from_secs(60)))
        .expect("a");
    let b = s
        .server
        .register(spec(&s, "docs", Duration::from_secs(60)))
        .expect("b");
    let expired = s
        .server
        .register(spec(&s, "late", Duration::ZERO))
        .expect("expired");
    assert_ne!(a.token(), b.token());
    assert_eq!(a.token().len(), 64);
    let (ta, tb, tx) = (
        Ticket::new(&s, a.token()),
        Ticket::new(&s, b.token()),
        Ticket::new(&s, expired.token()),
    );
    let forged = Ticket::new(&s, &"0".repeat(64));
    let dropped = ta.clone();
    let statuses = job(move || {
        let (ca, cb, cx, forged) = (ta.client(), tb.client(), tx.client(), forged.client());
        assert_eq!(ca.work().expect("a").order, "api");
        assert_eq!(cb.work().expect("b").order, "docs");
        (
            status(cx.work()),
            status(forged.work()),
            status(forged.secret()),
        )
    })
    .await;
    assert_eq!(statuses, (401, 401, 401));
    // The handle's drop revokes its token.
    drop(a);
    assert_eq!(job(move || status(dropped.client().work())).await, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_pinned_to_another_certificate_reaches_nothing() {
    let s = setup(Limits::default());
    let other = setup(Limits::default());
    let mut handle = s
        .server
        .register(spec(&s, "api", Duration::from_secs(60)))
        .expect("register");
    let wrong = Ticket {
        pem: other.server.certificate_pem().to_owned(),
        ..Ticket::new(&s, handle.token())
    };
    let outcome = job(move || wrong.client().events(&[JobEvent::Heartbeat])).await;
    assert!(matches!(outcome, Err(ChannelError::Http(_))), "{outcome:?}");
    assert!(handle.events.try_recv().is_err(), "nothing was delivered");
    // And a channel that is not HTTPS is refused before any connection.
    let plain = Ticket {
        url: s.server.url().replace("https", "http"),
        ..Ticket::new(&s, handle.token())
    };
    let refused = job(move || {
        matches!(
            ChannelClient::new(&plain.url, &plain.pem, &plain.token, Duration::from_secs(1)),
            Err(ChannelError::Url { .. })
        )
    })
    .await;
    assert!(refused);
}

/// `POST /v1/events` with `body` as it is; the status.
fn raw_post(ticket: &Ticket, body: &str) -> u16 {
    use maestro_core::egress::{HostPattern, HttpClient, HttpOptions};
    let policy =
        maestro_core::EgressPolicy::standard(vec![HostPattern::parse("127.0.0.1").expect("host")]);
    let http = HttpClient::new(
        policy,
        &HttpOptions {
            pinned_certificate: Some(ticket.pem.clone()),
            ..HttpOptions::default()
        },
    )
    .expect("http");
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{}{}", ticket.url, super::wire::EVENTS))
        .header("authorization", format!("Bearer {}", ticket.token))
        .body(body.as_bytes().to_vec())
        .expect("request");
    http.send(request).expect("answer").status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_past_their_limits_and_bad_event_lines_deliver_nothing() {
    let s = setup(Limits {
        events: 64,
        bundle: 16,
        result: 1024,
    });
    let mut handle = s
        .server
        .register(spec(&s, "api", Duration::from_secs(60)))
        .expect("register");
    let ticket = Ticket::new(&s, handle.token());
    let dir = s.result.parent().expect("dir").to_owned();
    let statuses = job(move || {
        let c = ticket.client();
        let too_big = status(c.events(&[JobEvent::Log {
            line: "x".repeat(100),
        }]));
        let big_bundle = dir.join("big.bundle");
        std::fs::write(&big_bundle, [7u8; 17]).expect("write");
        let bundle = status(c.result_bundle(&big_bundle));
        // One good line and one that is not an event: the batch is refused whole.
        let raw = raw_post(
            &ticket,
            "{\"kind\":\"heartbeat\"}\n{\"kind\":\"format_disk\"}\n",
        );
        (too_big, bundle, raw)
    })
    .await;
    assert_eq!(statuses, (413, 413, 400));
    assert!(!s.result.exists(), "no partial bundle kept");
    assert!(handle.events.try_recv().is_err());
}
