//! maestro-git's GitHub client against the fake GitHub API on 127.0.0.1, with fixtures made by
//! the real `git`.

use std::collections::HashSet;
use std::os::unix::fs::PermissionsExt as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use maestro_git::Repo;
use maestro_git::github::{
    Client, NewPullRequest, Options, PushOutcome, RequestError, Token, TransportError, pull, push,
};
use maestro_tests::GitRepo;
use maestro_tests::github_fake::{
    FakeGithub, Fault, LoopbackTransport, RecordedRequest, git_object_id,
};

const TOKEN: &str = "ghp_fake_TOKEN_0123456789abcdef";
const REPOSITORY: &str = "octo/app";

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn client_with(fake: &FakeGithub, token: &str, options: Options) -> Client {
    let options = Options {
        api_url: fake.api_url(),
        ..options
    };
    Client::new(
        LoopbackTransport::new(),
        REPOSITORY.parse().expect("valid repository"),
        Token::new(token),
        options,
    )
}

fn client(fake: &FakeGithub) -> Client {
    client_with(fake, TOKEN, Options::default())
}

/// The message of `error` and of all its sources, and its Debug form: none may hold the token.
fn assert_no_token(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = format!("{error:?}");
    let mut cause = Some(error);
    while let Some(current) = cause {
        text.push('\n');
        text.push_str(&current.to_string());
        cause = current.source();
    }
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
    assert!(
        !text.contains("TOKEN_0123"),
        "part of the token leaked: {text}"
    );
    text
}

fn blob_uploads(requests: &[RecordedRequest]) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/git/blobs"))
        .map(|r| {
            let content = r.json()["content"]
                .as_str()
                .expect("base64 content")
                .to_owned();
            let data = base64::engine::general_purpose::STANDARD
                .decode(content)
                .expect("valid base64");
            git_object_id("blob", &data)
        })
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(ToOwned::to_owned).collect()
}

/// Blob ids of every file in `rev`'s tree.
fn blobs_of(repo: &GitRepo, rev: &str) -> Result<HashSet<String>> {
    Ok(repo
        .git(&["ls-tree", "-r", "--format=%(objecttype) %(objectname)", rev])?
        .lines()
        .filter_map(|line| line.strip_prefix("blob "))
        .map(ToOwned::to_owned)
        .collect())
}

/// `main` with several files; the caller pushes it first so the remote has a base.
fn fixture() -> Result<GitRepo> {
    let repo = GitRepo::with_commit()?;
    repo.write("src/lib.rs", "pub fn answer() -> u32 { 42 }\n")?;
    // Git sorts the directory `src` as `src/`, after `src.rs`.
    repo.write("src.rs", "mod src;\n")?;
    repo.write("docs/guide.md", "# Guide\n\nRead me.\n")?;
    repo.write("data/big.txt", &"lorem ipsum\n".repeat(500))?;
    repo.git(&["add", "-A"])?;
    repo.git(&["commit", "-q", "-m", "base: library, docs and data"])?;
    Ok(repo)
}

/// On `feature` from `main`: a deleted file, an executable, a new subdirectory, a symlink, a
/// side branch merged in, and an author date in another time zone.
fn feature_commits(repo: &GitRepo) -> Result {
    repo.git(&["checkout", "-q", "-b", "feature", "main"])?;
    repo.git(&["rm", "-q", "docs/guide.md"])?;
    let script = repo.write("tools/run.sh", "#!/bin/sh\necho run\n")?;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))?;
    repo.git(&["add", "-A"])?;
    repo.git(&["commit", "-q", "-m", "tools: add run.sh, drop the guide"])?;

    repo.write("src/nested/deep/mod.rs", "pub mod deeper {}\n")?;
    std::os::unix::fs::symlink("../README.md", repo.path().join("src/readme-link"))?;
    repo.git(&["add", "-A"])?;
    repo.git(&[
        "commit",
        "-q",
        "--date=2026-01-02T03:04:05+02:00",
        "-m",
        "nested module and a link\n\nWith a body.",
    ])?;

    repo.git(&["checkout", "-q", "-b", "side", "main"])?;
    repo.write("side.txt", "from the side\n")?;
    repo.git(&["add", "-A"])?;
    repo.git(&["commit", "-q", "-m", "side work"])?;
    repo.git(&["checkout", "-q", "feature"])?;
    repo.git(&["merge", "-q", "--no-ff", "side", "-m", "merge side"])?;
    Ok(())
}

#[test]
fn push_recreates_local_history_exactly_and_uploads_only_what_is_new() -> Result {
    let repo = fixture()?;
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;
    let client = client(&fake);
    let local = Repo::discover(repo.path())?;

    // First push: the remote is empty, `main` is created.
    let report = client.push_branch(&local, "main")?;
    let main = repo.git(&["rev-parse", "main"])?;
    assert_eq!(report.outcome, PushOutcome::Created);
    assert_eq!(report.previous, None);
    assert_eq!(fake.branch("main").as_deref(), Some(main.as_str()));
    assert_eq!(report.commits, 2);
    let remote = fake.commit(&main).expect("main's commit is on the remote");
    assert_eq!(remote.tree, repo.git(&["rev-parse", "main^{tree}"])?);

    // Second push: a branch on top of the base the remote has.
    feature_commits(&repo)?;
    let local = Repo::discover(repo.path())?;
    let before = fake.requests().len();
    let report = client.push_branch(&local, "feature")?;
    let feature = repo.git(&["rev-parse", "feature"])?;
    assert_eq!(report.outcome, PushOutcome::Created);
    assert_eq!(fake.branch("feature").as_deref(), Some(feature.as_str()));
    let new_commits = lines(&repo.git(&["rev-list", "main..feature"])?);
    assert_eq!(new_commits.len(), 4);
    assert_eq!(report.commits, new_commits.len());
    for commit in &new_commits {
        let remote = fake
            .commit(commit)
            .unwrap_or_else(|| panic!("{commit} missing remotely"));
        assert_eq!(
            remote.tree,
            repo.git(&["rev-parse", &format!("{commit}^{{tree}}")])?
        );
        let parents = repo.git(&["rev-parse", &format!("{commit}^@")])?;
        assert_eq!(remote.parents, lines(&parents), "parents of {commit}");
    }
    let requests = &fake.requests()[before..];
    // Blobs the remote had through `main` were not sent again, and nothing was sent twice.
    let uploaded = blob_uploads(requests);
    let on_main = blobs_of(&repo, "main")?;
    assert!(
        uploaded.iter().all(|blob| !on_main.contains(blob)),
        "re-uploaded: {uploaded:?}"
    );
    let unique: HashSet<_> = uploaded.iter().cloned().collect();
    assert_eq!(unique.len(), uploaded.len(), "a blob was uploaded twice");
    let on_feature = blobs_of(&repo, "feature")?;
    let expected: HashSet<_> = on_feature.difference(&on_main).cloned().collect();
    assert_eq!(unique, expected);
    assert!(!on_feature.contains(&repo.git(&["rev-parse", "main:docs/guide.md"])?));
    // The executable and the link kept their modes (the equal tree ids prove it too).
    let trees: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/git/trees"))
        .flat_map(|r| r.json()["tree"].as_array().cloned().unwrap_or_default())
        .collect();
    let mode_of = |path: &str| {
        trees
            .iter()
            .find(|entry| entry["path"] == path)
            .map(|entry| entry["mode"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(mode_of("run.sh").as_deref(), Some("100755"));
    assert_eq!(mode_of("readme-link").as_deref(), Some("120000"));
    assert!(trees.iter().all(|entry| entry["path"] != "guide.md"));
    // Lookups stay proportional to the change: one per new commit and one for the base.
    let lookups = requests
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/git/commits/"))
        .count();
    assert_eq!(lookups, new_commits.len() + 1);

    // Third push: one more commit fast-forwards the branch without looking up old commits.
    repo.write("src/lib.rs", "pub fn answer() -> u32 { 43 }\n")?;
    repo.git(&["commit", "-q", "-am", "bump the answer"])?;
    let before = fake.requests().len();
    let report = client.push_branch(&local, "feature")?;
    let tip = repo.git(&["rev-parse", "feature"])?;
    assert_eq!(report.outcome, PushOutcome::FastForwarded);
    assert_eq!(
        report.previous.map(|id| id.to_string()),
        Some(feature.clone())
    );
    assert_eq!((report.commits, report.trees, report.blobs), (1, 2, 1));
    assert_eq!(fake.branch("feature").as_deref(), Some(tip.as_str()));
    let requests = &fake.requests()[before..];
    let patch = requests
        .iter()
        .find(|r| r.method == "PATCH")
        .expect("a ref update");
    assert!(patch.path.ends_with("/git/refs/heads/feature"));
    assert_eq!(patch.json()["force"], false);

    // Nothing new: up to date after a single ref lookup.
    let before = fake.requests().len();
    let report = client.push_branch(&local, "feature")?;
    assert_eq!(report.outcome, PushOutcome::UpToDate);
    assert_eq!(fake.requests().len() - before, 1);
    Ok(())
}

#[test]
fn push_refuses_to_rewrite_remote_history() -> Result {
    let repo = fixture()?;
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;
    let client = client(&fake);
    let local = Repo::discover(repo.path())?;
    client.push_branch(&local, "main")?;
    let pushed = repo.git(&["rev-parse", "main"])?;
    repo.git(&["reset", "-q", "--hard", "HEAD~1"])?;
    repo.write("other.txt", "diverged\n")?;
    repo.git(&["add", "-A"])?;
    repo.git(&["commit", "-q", "-m", "diverge"])?;
    let error = client
        .push_branch(&local, "main")
        .expect_err("not a fast-forward");
    assert!(
        matches!(error, push::Error::NotFastForward { .. }),
        "{error:?}"
    );
    let text = assert_no_token(&error);
    assert!(
        text.contains("cannot push main") && text.contains(&pushed),
        "{text}"
    );
    assert_eq!(fake.branch("main"), Some(pushed));
    Ok(())
}

#[test]
fn push_refuses_commits_the_api_cannot_reproduce() -> Result {
    let repo = fixture()?;
    let fake = FakeGithub::start(REPOSITORY, TOKEN)?;
    let client = client(&fake);
    let local = Repo::discover(repo.path())?;
    client.push_branch(&local, "main")?;
    // A message encoding header has no field in the API.
    repo.write("latin.txt", "caf\u{e9}\n")?;
    repo.git(&["add", "-A"])?;
    repo.git(&[
        "-c",
        "i18n.commitEncoding=ISO-8859-1",
        "commit",
        "-q",
        "-m",
        "latin",
    ])?;
    let commit = repo.git(&["rev-parse", "HEAD"])?;
    let error = client.push_branch(&local, "main").expect_err("unsupported");
    assert!(
        matches!(error, push::Error::Unsupported { .. }),
        "{error:?}"
    );
    let text = assert_no_token(&error);
    assert!(
        text.contains(&commit) && text.contains("encoding"),
        "{text}"
    );
    // Nothing was uploaded for it.
    assert!(!fake.has_object(&repo.git(&["rev-parse", "HEAD:latin.txt"])?));
    assert!(!fake.has_object(&repo.git(&["rev-parse", "HEAD^{tree}"])?));
    assert_ne!(fake.branch("main"), Some(commit));
    Ok(())
}

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
