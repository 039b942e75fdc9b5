//! Validation against the licence endpoint: when it is called, what it is sent, and what its
//! answers, silence or forgeries do to the standing.

use super::*;

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
