//! maestro-git's GitHub client against the fake GitHub API on 127.0.0.1, with fixtures made by
//! the real `git`.

use std::collections::HashSet;
use std::os::unix::fs::PermissionsExt as _;

use base64::Engine as _;
use maestro_git::github::{Client, Options, Token};
use maestro_tests::GitRepo;
use maestro_tests::github_fake::{FakeGithub, LoopbackTransport, RecordedRequest, git_object_id};

mod history;
mod pull_request;
mod rate_limits;
mod tokens;

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
