//! Tokens and standings judged case by case, as tables.

use super::*;

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
