//! Pushing local history through the API: recreated exactly, never rewriting the remote, and
//! refused where the API cannot reproduce it.

use std::collections::HashSet;

use maestro_git::Repo;
use maestro_git::github::{PushOutcome, push};
use maestro_tests::github_fake::FakeGithub;

use super::{
    REPOSITORY, Result, TOKEN, assert_no_token, blob_uploads, blobs_of, client, feature_commits,
    fixture, lines,
};

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
