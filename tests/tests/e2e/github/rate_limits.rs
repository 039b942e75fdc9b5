//! GitHub's rate limits, waited out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use maestro_git::Repo;
use maestro_git::github::{Options, RequestError};
use maestro_tests::github_fake::{FakeGithub, Fault};

use super::{REPOSITORY, Result, TOKEN, assert_no_token, client, client_with, fixture};

#[test]
fn rate_limits_are_waited_out() -> Result {
    let repo = fixture()?;
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;

    // A real one-second wait for `Retry-After: 1`.
    fake.fail_next(Fault::TooManyRequests {
        retry_after_secs: 1,
    });
    let real = client(&fake);
    let local = Repo::discover(repo.path())?;
    real.push_branch(&local, "main")?;
    let statuses: Vec<u16> = fake.requests().iter().take(2).map(|r| r.status).collect();
    assert_eq!(statuses, [429, 404], "the ref lookup was retried once");
    assert_eq!(fake.requests()[0].path, fake.requests()[1].path);

    // Secondary and primary limits, with a recording sleeper instead of waiting.
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&waits);
    let options = Options {
        sleeper: Arc::new(move |wait: Duration| recorded.lock().expect("lock").push(wait)),
        ..Options::default()
    };
    let recording = client_with(&fake, TOKEN, options);
    fake.fail_next(Fault::SecondaryRateLimit {
        retry_after_secs: None,
    });
    fake.fail_next(Fault::SecondaryRateLimit {
        retry_after_secs: Some(5),
    });
    fake.fail_next(Fault::PrimaryRateLimit {
        reset_after_secs: 10,
    });
    let main = recording.get_ref("heads/main")?;
    assert_eq!(
        main.map(|id| id.to_string()),
        Some(repo.git(&["rev-parse", "main"])?)
    );
    let waits = waits.lock().expect("lock").clone();
    assert_eq!(waits.len(), 3);
    assert_eq!(
        waits[..2],
        [Duration::from_secs(60), Duration::from_secs(5)]
    );
    assert!(
        waits[2] >= Duration::from_secs(9) && waits[2] <= Duration::from_secs(12),
        "{waits:?}"
    );

    // Past the retry budget, a typed error says when to retry.
    for _ in 0..4 {
        fake.fail_next(Fault::TooManyRequests {
            retry_after_secs: 0,
        });
    }
    let error = recording
        .get_ref("heads/main")
        .expect_err("budget exhausted");
    assert!(
        matches!(error, RequestError::RetriesExhausted { retries: 3, .. }),
        "{error:?}"
    );
    assert!(assert_no_token(&error).contains("retry after"));

    // A wait longer than allowed is not attempted.
    fake.fail_next(Fault::TooManyRequests {
        retry_after_secs: 3600,
    });
    let error = recording.get_ref("heads/main").expect_err("too long");
    assert!(
        matches!(
            error,
            RequestError::RateLimited {
                wait_secs: 3600,
                ..
            }
        ),
        "{error:?}"
    );
    Ok(())
}
