//! `maestro release` against the fake GitHub API on loopback.

use maestro_git::github::{Client, Options, Token};
use maestro_tests::GitRepo;
use maestro_tests::github_fake::{FakeGithub, Fault, LoopbackTransport};

const TOKEN: &str = "ghp_release_test_TOKEN_0123456789";

fn run(repo: &GitRepo, args: &[&str], token: Option<&str>) -> (i32, String, String) {
    let mut command = repo.maestro(args).expect("maestro is built");
    if let Some(token) = token {
        command.env("GITHUB_TOKEN", token);
    }
    maestro_tests::outcome(&mut command)
}

/// A workspace whose voyage `v1` holds three commits: a new file, an executable script in a
/// new directory, and the deletion of README.md.
fn voyage_with_commits(api_url: &str) -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(run(&repo, &["init"], None).0, 0);
    assert_eq!(
        run(
            &repo,
            &["voyage", "new", "v1", "--title", "Health endpoint"],
            None
        )
        .0,
        0
    );
    let config_path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).expect("config"))
            .expect("JSON");
    config["github"]["apiUrl"] = api_url.into();
    config["github"]["repository"] = "octo/app".into();
    std::fs::write(&config_path, config.to_string()).expect("write");
    repo.git(&["checkout", "-q", "maestro/v1"])
        .expect("checkout");
    repo.write("src/health.rs", "pub fn health() -> u16 { 200 }\n")
        .expect("write");
    repo.git(&["add", "src/health.rs"]).expect("add");
    repo.git(&["commit", "-q", "-m", "health: add"])
        .expect("commit");
    let script = repo
        .write("scripts/check.sh", "#!/bin/sh\nexit 0\n")
        .expect("write");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    repo.git(&["add", "scripts/check.sh"]).expect("add");
    repo.git(&["commit", "-q", "-m", "scripts: add check"])
        .expect("commit");
    repo.git(&["rm", "-q", "README.md"]).expect("rm");
    repo.git(&["commit", "-q", "-m", "drop readme"])
        .expect("commit");
    repo.git(&["checkout", "-q", "main"]).expect("checkout");
    repo
}

/// The remote already has `main`, as a real repository would.
fn push_main(fake: &FakeGithub, repo: &GitRepo) {
    let client = Client::new(
        LoopbackTransport::new(),
        "octo/app".parse().expect("name"),
        Token::new(TOKEN),
        Options {
            api_url: fake.api_url(),
            ..Options::default()
        },
    );
    let local = maestro_git::Repo::discover(repo.path()).expect("repo");
    client.push_branch(&local, "main").expect("main pushed");
}

#[test]
fn release_pushes_the_voyage_and_opens_a_pull_request() {
    let fake = FakeGithub::start("octo/app", TOKEN).expect("fake GitHub");
    let repo = voyage_with_commits(&fake.api_url());
    push_main(&fake, &repo);
    let before = fake.requests().len();
    // The first request is rate limited: retried once after one second.
    fake.fail_next(Fault::TooManyRequests {
        retry_after_secs: 1,
    });
    let (code, stdout, stderr) = run(&repo, &["release", "v1", "--draft"], Some(TOKEN));
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("opened pull request #1"), "{stdout}");

    let local_tip = repo.git(&["rev-parse", "maestro/v1"]).expect("tip");
    assert_eq!(
        fake.branch("maestro/v1").as_deref(),
        Some(local_tip.as_str())
    );
    for commit in ["maestro/v1", "maestro/v1~1", "maestro/v1~2"] {
        let id = repo.git(&["rev-parse", commit]).expect("commit");
        let tree = repo
            .git(&["rev-parse", &format!("{commit}^{{tree}}")])
            .expect("tree");
        let remote = fake.commit(&id).expect("pushed");
        assert_eq!(
            remote.tree, tree,
            "{commit}: remote tree id equals the local one"
        );
    }
    let requests = fake.requests().split_off(before);
    assert_eq!(requests[0].status, 429);
    assert!(
        stdout.contains("3 commits"),
        "only the voyage's commits: {stdout}"
    );
    assert!(requests.iter().all(|r| r.token_matched));
    let pulls = fake.pull_requests();
    assert_eq!(pulls.len(), 1);
    let pr = &pulls[0].request;
    assert_eq!(
        (pr["head"].as_str(), pr["base"].as_str()),
        (Some("maestro/v1"), Some("main"))
    );
    assert_eq!(pr["draft"], true);
    assert_eq!(pr["title"], "Health endpoint");
    assert!(
        pr["body"]
            .as_str()
            .expect("body")
            .contains("Voyage `v1` on branch `maestro/v1`")
    );

    let voyage: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join(".mso/voyages/v1/voyage.json")).expect("voyage"),
    )
    .expect("JSON");
    assert_eq!(voyage["state"], "released");
    assert!(voyage["pr_url"].as_str().expect("url").ends_with("/pull/1"));
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
}

#[test]
fn release_needs_the_token_and_never_prints_it() {
    let fake = FakeGithub::start("octo/app", TOKEN).expect("fake GitHub");
    let repo = voyage_with_commits(&fake.api_url());
    let (code, _, stderr) = run(&repo, &["release", "v1"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("GITHUB_TOKEN"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(fake.requests().is_empty(), "nothing sent without a token");

    let (code, _, stderr) = run(
        &repo,
        &["release", "v1"],
        Some("ghp_wrong_token_value_987654"),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains("ghp_wrong_token_value_987654"), "{stderr}");
}
