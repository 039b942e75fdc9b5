//! Bad tokens and refused destinations: typed errors that never show the token.

use maestro_git::Repo;
use maestro_git::github::{Client, Options, RequestError, Token, TransportError, push};
use maestro_tests::github_fake::{FakeGithub, LoopbackTransport};

use super::{REPOSITORY, Result, TOKEN, assert_no_token, client, client_with, fixture};

#[test]
fn bad_tokens_and_refused_destinations_are_typed_and_never_show_the_token() -> Result {
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;
    let wrong = client_with(
        &fake,
        "ghp_wrong_TOKEN_0123456789abcdef",
        Options::default(),
    );
    let error = wrong.get_ref("heads/main").expect_err("401");
    assert_eq!(error.status(), Some(401));
    let text = assert_no_token(&error);
    assert!(!text.contains("ghp_wrong"), "{text}");
    assert!(text.contains("Bad credentials"), "{text}");
    let recorded = fake.requests().pop().expect("recorded");
    assert!(!recorded.token_matched);
    assert!(!format!("{wrong:?}").contains("ghp_wrong"));

    // A destination off this machine is refused by the transport before any connection.
    let off_machine = Client::new(
        LoopbackTransport::new(),
        REPOSITORY.parse()?,
        Token::new(TOKEN),
        Options::default(),
    );
    let error = off_machine.get_ref("heads/main").expect_err("refused");
    assert!(
        matches!(&error, RequestError::Transport { source: TransportError::Refused { .. }, url, .. } if url.starts_with("https://api.github.com/")),
        "{error:?}"
    );
    assert_no_token(&error);
    assert!(!format!("{off_machine:?}").contains(TOKEN));

    // A missing local branch is named.
    let repo = fixture()?;
    let local = Repo::discover(repo.path())?;
    let error = client(&fake)
        .push_branch(&local, "nope")
        .expect_err("no branch");
    assert!(
        matches!(error, push::Error::NoSuchBranch { .. }),
        "{error:?}"
    );
    assert!(assert_no_token(&error).contains("nope"));
    Ok(())
}
