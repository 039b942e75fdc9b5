//! Opening a pull request.

use maestro_git::Repo;
use maestro_git::github::{NewPullRequest, pull};
use maestro_tests::github_fake::FakeGithub;

use super::{REPOSITORY, Result, TOKEN, assert_no_token, client, fixture};

#[test]
fn pull_request_is_opened_with_the_given_fields_and_api_headers() -> Result {
    let repo = fixture()?;
    repo.git(&["checkout", "-q", "-b", "maestro/v1"])?;
    repo.write("CHANGELOG.md", "- voyage v1\n")?;
    repo.git(&["add", "-A"])?;
    repo.git(&["commit", "-q", "-m", "voyage v1"])?;
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;
    let client = client(&fake);
    let local = Repo::discover(repo.path())?;
    client.push_branch(&local, "main")?;
    client.push_branch(&local, "maestro/v1")?;

    let request = NewPullRequest {
        title: "Voyage v1".to_owned(),
        head: "maestro/v1".to_owned(),
        base: "main".to_owned(),
        body: "## Orders\n\n- health: done\n".to_owned(),
        draft: true,
    };
    let pull = client.create_pull_request(&request)?;
    assert_eq!(pull.number, 1);
    assert!(
        pull.html_url.ends_with("/octo/app/pull/1"),
        "{}",
        pull.html_url
    );

    let recorded = fake.requests().pop().expect("the pull request call");
    assert_eq!(
        (recorded.method.as_str(), recorded.path.as_str()),
        ("POST", "/repos/octo/app/pulls")
    );
    assert_eq!(
        recorded.json(),
        serde_json::json!({
            "title": "Voyage v1",
            "head": "maestro/v1",
            "base": "main",
            "body": "## Orders\n\n- health: done\n",
            "draft": true,
        })
    );
    assert!(recorded.token_matched);
    assert_eq!(
        recorded.header("accept"),
        Some("application/vnd.github+json")
    );
    assert_eq!(recorded.header("x-github-api-version"), Some("2022-11-28"));
    assert!(
        recorded
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("maestro/"))
    );
    assert_eq!(
        recorded.header("authorization"),
        None,
        "the fake keeps no token"
    );
    assert!(fake.requests().iter().all(|r| r.token_matched));

    // The same pull request again: GitHub's 422, typed and naming the operation.
    let error = client
        .create_pull_request(&request)
        .expect_err("already exists");
    let pull::Error::Create { source, .. } = &error else {
        panic!("unexpected error {error:?}");
    };
    assert_eq!(source.status(), Some(422));
    let text = assert_no_token(&error);
    assert!(
        text.contains("cannot open a pull request from maestro/v1 into main in octo/app"),
        "{text}"
    );
    assert!(
        text.contains("A pull request already exists for octo:maestro/v1."),
        "{text}"
    );
    assert_eq!(fake.pull_requests().len(), 1);
    Ok(())
}
