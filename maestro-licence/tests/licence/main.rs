//! Licence tokens, answers and the grace period, case by case.

use std::cell::RefCell;

use jiff::{SignedDuration, Timestamp};
use maestro_licence::{
    Answer, Cache, Claims, Issuer, IssuerKey, Online, Standing, Status, Tier, Token, TokenError,
    Transport, TransportError, TrustedKeys, ValidationRequest, ValidationResponse, check, evaluate,
};

const ENDPOINT: &str = "https://licence.example.com/v1/validate";

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

fn t0() -> Timestamp {
    "2026-11-01T00:00:00Z".parse().expect("valid time")
}

fn issuer(seed: u8) -> Issuer {
    Issuer::new(IssuerKey::from_seed(&[seed; 32]))
}

fn claims(endpoint: Option<&str>) -> Claims {
    Claims {
        id: "lic-42".into(),
        licensee: "Acme".into(),
        tier: Tier::Pro,
        issued: t0(),
        expires: t0() + days(365),
        endpoint: endpoint.map(str::to_owned),
    }
}

fn trusted(issuer: &Issuer) -> TrustedKeys {
    TrustedKeys::only(vec![issuer.key().public_key()])
}

fn token(issuer: &Issuer, endpoint: Option<&str>) -> Token {
    Token::verify(&issuer.issue(&claims(endpoint)), &trusted(issuer)).expect("valid token")
}

fn answer(status: Standing, at: Timestamp) -> Answer {
    Answer {
        licence_id: "lic-42".into(),
        status,
        checked_at: at,
    }
}

type Reply = Box<dyn Fn(&ValidationRequest) -> Result<Vec<u8>, TransportError>>;

/// A transport that records requests and answers from a script.
struct Scripted {
    calls: RefCell<Vec<String>>,
    reply: Reply,
}

impl Scripted {
    fn new(
        reply: impl Fn(&ValidationRequest) -> Result<Vec<u8>, TransportError> + 'static,
    ) -> Self {
        Scripted {
            calls: RefCell::new(Vec::new()),
            reply: Box::new(reply),
        }
    }

    fn answering(issuer: Issuer, status: Standing, at: Timestamp) -> Self {
        Scripted::new(move |_| {
            let answer = issuer.answer(&answer(status, at));
            Ok(serde_json::to_vec(&ValidationResponse { answer }).expect("JSON"))
        })
    }

    /// A transport that must never be used.
    fn forbidden() -> Self {
        Scripted::new(|_| panic!("no network call may happen here"))
    }
}

impl Transport for Scripted {
    fn post_json(&self, url: &str, body: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.calls.borrow_mut().push(url.to_owned());
        let request: ValidationRequest = serde_json::from_slice(body).expect("a request");
        (self.reply)(&request)
    }
}

#[test]
fn token_table() {
    let ours = issuer(1);
    let stranger = issuer(2);
    let good = ours.issue(&claims(None));
    // A signature that does not match: flip a character of the payload.
    let (head, sig) = good.rsplit_once('.').expect("three parts");
    let mut tampered_head = head.to_owned();
    let last = tampered_head.pop().expect("non-empty");
    tampered_head.push(if last == 'A' { 'B' } else { 'A' });
    let tampered = format!("{tampered_head}.{sig}");
    let mut backwards = claims(None);
    backwards.expires = backwards.issued - days(1);
    let cases: Vec<(&str, String, Result<Tier, &str>)> = vec![
        ("valid", good.clone(), Ok(Tier::Pro)),
        ("bad signature", tampered, Err("invalid licence token")),
        (
            "unknown key",
            stranger.issue(&claims(None)),
            Err("invalid licence token"),
        ),
        ("garbage", "hello".into(), Err("invalid licence token")),
        (
            "answer presented as token",
            ours.answer(&answer(Standing::Valid, t0())),
            Err("invalid licence token"),
        ),
        (
            "expires before issued",
            ours.issue(&backwards),
            Err("invalid licence token: it expires"),
        ),
    ];
    for (name, text, expected) in cases {
        let got = Token::verify(&text, &trusted(&ours));
        match (got, expected) {
            (Ok(token), Ok(tier)) => assert_eq!(token.claims.tier, tier, "{name}"),
            (Err(e), Err(message)) => {
                assert!(e.to_string().starts_with(message), "{name}: {e}");
            }
            (got, expected) => panic!("{name}: got {got:?}, expected {expected:?}"),
        }
    }
    let err =
        Token::verify(&stranger.issue(&claims(None)), &trusted(&ours)).expect_err("untrusted");
    assert!(matches!(err, TokenError::Envelope(_)));
    assert!(
        std::error::Error::source(&err)
            .expect("a cause")
            .to_string()
            .contains("not from a trusted issuer")
    );
}

struct Case {
    name: &'static str,
    token: Option<Token>,
    answer: Option<Answer>,
    latest_seen: Option<Timestamp>,
    now: Timestamp,
    tier: Tier,
    status: Status,
}

#[test]
fn evaluation_table() {
    let ours = issuer(1);
    let online = token(&ours, Some(ENDPOINT));
    let offline = token(&ours, None);
    let valid_at = |d| answer(Standing::Valid, t0() + days(d));
    let cases = [
        Case {
            name: "no token",
            token: None,
            answer: None,
            latest_seen: None,
            now: t0(),
            tier: Tier::Community,
            status: Status::NoToken,
        },
        Case {
            name: "fresh token, day 0",
            token: Some(online.clone()),
            answer: None,
            latest_seen: None,
            now: t0(),
            tier: Tier::Pro,
            status: Status::Validated,
        },
        Case {
            name: "issue time counts: day 13 offline",
            token: Some(online.clone()),
            answer: None,
            latest_seen: None,
            now: t0() + days(13),
            tier: Tier::Pro,
            status: Status::Validated,
        },
        Case {
            name: "issue time counts: day 15 offline",
            token: Some(online.clone()),
            answer: None,
            latest_seen: None,
            now: t0() + days(15),
            tier: Tier::Community,
            status: Status::GraceEnded,
        },
        Case {
            name: "day 13 of grace after an answer",
            token: Some(online.clone()),
            answer: Some(valid_at(100)),
            latest_seen: None,
            now: t0() + days(113),
            tier: Tier::Pro,
            status: Status::Validated,
        },
        Case {
            name: "day 15 of grace after an answer",
            token: Some(online.clone()),
            answer: Some(valid_at(100)),
            latest_seen: None,
            now: t0() + days(115),
            tier: Tier::Community,
            status: Status::GraceEnded,
        },
        Case {
            name: "revoked takes effect at once",
            token: Some(online.clone()),
            answer: Some(answer(Standing::Revoked, t0() + days(1))),
            latest_seen: None,
            now: t0() + days(1),
            tier: Tier::Community,
            status: Status::Revoked,
        },
        Case {
            name: "expired by the issuer",
            token: Some(online.clone()),
            answer: Some(answer(Standing::Expired, t0() + days(2))),
            latest_seen: None,
            now: t0() + days(2),
            tier: Tier::Community,
            status: Status::Expired,
        },
        Case {
            name: "token expired",
            token: Some(offline.clone()),
            answer: None,
            latest_seen: None,
            now: t0() + days(366),
            tier: Tier::Community,
            status: Status::Expired,
        },
        Case {
            name: "offline token never needs the endpoint",
            token: Some(offline.clone()),
            answer: None,
            latest_seen: None,
            now: t0() + days(300),
            tier: Tier::Pro,
            status: Status::Offline,
        },
        Case {
            name: "clock moved back before the answer",
            token: Some(online.clone()),
            answer: Some(valid_at(10)),
            latest_seen: None,
            now: t0() + days(5),
            tier: Tier::Community,
            status: Status::ClockSetBack,
        },
        Case {
            name: "clock moved back before a time seen",
            token: Some(online.clone()),
            answer: Some(valid_at(10)),
            latest_seen: Some(t0() + days(20)),
            now: t0() + days(12),
            tier: Tier::Community,
            status: Status::ClockSetBack,
        },
        Case {
            name: "clock moved back, offline token",
            token: Some(offline.clone()),
            answer: None,
            latest_seen: Some(t0() + days(200)),
            now: t0() + days(100),
            tier: Tier::Community,
            status: Status::ClockSetBack,
        },
        Case {
            name: "small drift is tolerated",
            token: Some(online.clone()),
            answer: Some(valid_at(10)),
            latest_seen: None,
            now: t0() + days(10) - SignedDuration::from_mins(2),
            tier: Tier::Pro,
            status: Status::Validated,
        },
    ];
    for case in cases {
        let endpoint = case.token.as_ref().and_then(|t| t.claims.endpoint.clone());
        let licence = evaluate(
            case.token.as_ref(),
            case.answer.as_ref(),
            case.latest_seen,
            endpoint.as_deref(),
            case.now,
        );
        assert_eq!(
            (licence.tier, licence.status),
            (case.tier, case.status),
            "{}: {}",
            case.name,
            licence.message
        );
        assert!(!licence.message.contains('\n'), "{}", case.name);
    }
    let grace = evaluate(
        Some(&online),
        Some(&valid_at(100)),
        None,
        Some(ENDPOINT),
        t0() + days(101),
    );
    assert_eq!(grace.grace_until, Some(t0() + days(114)));
    assert_eq!(grace.last_validated, Some(t0() + days(100)));
    assert_eq!(grace.entitlements().max_crews, 5);
}

#[test]
fn community_makes_no_network_call() {
    let ours = issuer(1);
    let checked = check(
        None,
        Some(ENDPOINT),
        &Cache::default(),
        &trusted(&ours),
        &Scripted::forbidden(),
        t0(),
        true,
    );
    assert_eq!(checked.licence.tier, Tier::Community);
    assert!(matches!(checked.online, Online::NotNeeded));
}

#[test]
fn an_offline_token_never_calls_out() {
    let ours = issuer(1);
    let offline = token(&ours, None);
    let transport = Scripted::forbidden();
    let checked = check(
        Some(&offline),
        None,
        &Cache::default(),
        &trusted(&ours),
        &transport,
        t0() + days(30),
        true,
    );
    assert_eq!(checked.licence.status, Status::Offline);
}

#[test]
fn validation_happens_at_most_daily_and_is_cached() {
    let ours = issuer(1);
    let online = token(&ours, Some(ENDPOINT));
    let keys = trusted(&ours);
    // Within a day of issue: nothing to do.
    let quiet = Scripted::forbidden();
    let checked = check(
        Some(&online),
        None,
        &Cache::default(),
        &keys,
        &quiet,
        t0() + SignedDuration::from_hours(3),
        false,
    );
    assert!(matches!(checked.online, Online::NotNeeded));
    assert_eq!(
        checked.cache.latest_seen,
        Some(t0() + SignedDuration::from_hours(3))
    );

    // Two days later: the endpoint is asked once, and its answer cached.
    let server = Scripted::answering(issuer(1), Standing::Valid, t0() + days(2));
    let checked = check(
        Some(&online),
        None,
        &Cache::default(),
        &keys,
        &server,
        t0() + days(2),
        false,
    );
    assert!(matches!(checked.online, Online::Validated));
    assert_eq!(server.calls.borrow().as_slice(), [ENDPOINT]);
    assert_eq!(checked.licence.last_validated, Some(t0() + days(2)));
    let cache = checked.cache;
    assert!(cache.answer.is_some());

    // Later the same day, from the cache: no call; 14 days of grace from the answer.
    let checked = check(
        Some(&online),
        None,
        &cache,
        &keys,
        &Scripted::forbidden(),
        t0() + days(2) + SignedDuration::from_hours(5),
        false,
    );
    assert!(matches!(checked.online, Online::NotNeeded));
    assert_eq!(checked.licence.grace_until, Some(t0() + days(16)));

    // A configured endpoint wins over the token's.
    let server = Scripted::answering(issuer(1), Standing::Valid, t0() + days(3));
    check(
        Some(&online),
        Some("https://licence.corp.example/v"),
        &cache,
        &keys,
        &server,
        t0() + days(3),
        true,
    );
    assert_eq!(
        server.calls.borrow().as_slice(),
        ["https://licence.corp.example/v"]
    );
}

#[test]
fn an_unreachable_endpoint_leaves_the_grace_in_force() {
    let ours = issuer(1);
    let online = token(&ours, Some(ENDPOINT));
    let keys = trusted(&ours);
    for failure in [
        || TransportError::Unreachable("connection refused".into()),
        || TransportError::Refused("only loopback is allowed (egress policy: air-gapped)".into()),
    ] {
        let down = Scripted::new(move |_| Err(failure()));
        let day_13 = check(
            Some(&online),
            None,
            &Cache::default(),
            &keys,
            &down,
            t0() + days(13),
            false,
        );
        assert!(matches!(day_13.online, Online::Failed(_)));
        assert_eq!(day_13.licence.tier, Tier::Pro);
        let day_15 = check(
            Some(&online),
            None,
            &day_13.cache,
            &keys,
            &down,
            t0() + days(15),
            false,
        );
        assert_eq!(day_15.licence.status, Status::GraceEnded);
        assert!(
            day_15
                .licence
                .message
                .contains("until a validation reaches the licence endpoint"),
            "{}",
            day_15.licence.message
        );
    }
}

#[test]
fn revocation_and_forged_answers() {
    let ours = issuer(1);
    let online = token(&ours, Some(ENDPOINT));
    let keys = trusted(&ours);
    let revoking = Scripted::answering(issuer(1), Standing::Revoked, t0() + days(2));
    let checked = check(
        Some(&online),
        None,
        &Cache::default(),
        &keys,
        &revoking,
        t0() + days(2),
        false,
    );
    assert_eq!(checked.licence.status, Status::Revoked);
    // Revocation sticks from the cache even while the endpoint is unreachable.
    let down = Scripted::new(|_| Err(TransportError::Unreachable("down".into())));
    let later = check(
        Some(&online),
        None,
        &checked.cache,
        &keys,
        &down,
        t0() + days(4),
        false,
    );
    assert_eq!(later.licence.status, Status::Revoked);

    // An answer signed by someone else is ignored, and the grace continues from issue time.
    let forger = Scripted::answering(issuer(9), Standing::Valid, t0() + days(10));
    let forged_check = check(
        Some(&online),
        None,
        &Cache::default(),
        &keys,
        &forger,
        t0() + days(10),
        false,
    );
    assert!(
        matches!(forged_check.online, Online::BadAnswer(_)),
        "{:?}",
        forged_check.online
    );
    assert_eq!(forged_check.licence.last_validated, Some(t0()));
    assert!(forged_check.cache.answer.is_none());

    // An answer about another licence is refused too.
    let other = Scripted::new(|_| {
        let answer = issuer(1).answer(&Answer {
            licence_id: "lic-other".into(),
            status: Standing::Valid,
            checked_at: t0() + days(10),
        });
        Ok(serde_json::to_vec(&ValidationResponse { answer }).expect("JSON"))
    });
    let checked = check(
        Some(&online),
        None,
        &Cache::default(),
        &keys,
        &other,
        t0() + days(10),
        false,
    );
    assert!(matches!(checked.online, Online::BadAnswer(ref m) if m.contains("lic-other")));
}

#[test]
fn the_request_carries_the_token() {
    let ours = issuer(1);
    let online = token(&ours, Some(ENDPOINT));
    let seen = std::rc::Rc::new(RefCell::new(String::new()));
    let seen_inner = seen.clone();
    let server = Scripted::new(move |request| {
        seen_inner.borrow_mut().clone_from(&request.token);
        Err(TransportError::Unreachable("test".into()))
    });
    check(
        Some(&online),
        None,
        &Cache::default(),
        &trusted(&ours),
        &server,
        t0(),
        true,
    );
    assert_eq!(*seen.borrow(), online.text);
}
