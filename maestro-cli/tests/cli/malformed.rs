//! Table tests of malformed orders files and configurations, through the real binary: each is
//! refused with exit code 2 and one line naming the file and the place, and changes nothing.

use crate::support::Repo;

#[test]
fn malformed_orders_files_are_refused_with_their_position() {
    let repo = Repo::with_voyage();
    let base = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\n";
    let cases: Vec<(&str, String, &str)> = vec![
        ("o.toml", "[[orders]\n".into(), "o.toml: line 1, column"),
        ("o.toml", "[[orders]]\nid = \"a\"\n".into(), "o.toml: line 1, column 1: missing field `title`"),
        ("o.toml", format!("{base}colour = \"red\"\n"), "o.toml: line 5, column 1: unknown field `colour`"),
        ("o.toml", base.replace("builder", "pilot"), "o.toml: line 4, column 8: unknown variant `pilot`"),
        ("o.toml", base.replace("\"a\"", "\"A b\""), "o.toml: line 2, column 6: order id `A b` must match"),
        ("o.toml", format!("{base}depends_on = [\"ghost\"]\n"), "o.toml: line 5, column 15: order `a` depends on unknown order `ghost`"),
        ("o.toml", format!("{base}{base}"), "o.toml: line 6, column 6: duplicate order id `a`"),
        ("o.toml", format!("{base}depends_on = [\"a\"]\n"), "o.toml: line 2, column 6: dependency cycle: a -> a"),
        ("o.toml", format!("{base}[[orders.accept]]\nrun = \"x\"\nscan_clean = true\n"), "o.toml: line 5, column 1: an acceptance check needs exactly one of `run`, `path_exists` or `scan_clean`"),
        ("o.toml", format!("{base}[[orders.accept]]\npath_exists = \"../etc/passwd\"\n"), "o.toml: line 5, column 1: `path_exists` must be a path inside the worktree"),
        ("o.toml", format!("{base}[[orders.accept]]\nrun = \"x\"\ntimeout_secs = \"ten\"\n"), "o.toml: line 7, column 16: invalid type: string \"ten\", expected u64"),
        ("o.toml", format!("{base}scope = [\"src/[\"]\n"), "o.toml: line 5, column 9: `scope` `src/[` is not a valid glob"),
        ("o.toml", format!("{base}agent = {{ command = [] }}\n"), "o.toml: line 5, column 9: `agent.command` must name a program"),
        ("o.toml", "orders = []\n".into(), "o.toml: the file holds no orders"),
        ("o.json", "{\"orders\": [{\"id\": \"a\", \"title\": \"A\", \"role\": 7}]}".into(), "o.json: at `orders[0].role` (line 1, column 47): invalid type: integer `7`, expected a string"),
        ("o.json", "{\"orders\": [{\"id\": \"a\", \"title\": \"A\", \"role\": \"builder\", \"depends_on\": [\"b\"]}, {\"id\": \"b\", \"title\": \"B\", \"role\": \"tester\", \"depends_on\": [\"a\"]}]}".into(), "o.json: at `orders[0].id`: dependency cycle: a -> b -> a"),
        ("o.json", "{\"orders\": [".into(), "o.json: at `orders` (line 1, column 12): EOF while parsing a list"),
        ("o.json", "{\"orders\": []} trailing".into(), "o.json: (line 1, column 16): trailing characters"),
    ];
    for (name, contents, expected) in cases {
        repo.write(name, &contents);
        let run = repo.maestro(&["voyage", "import", "v1", name]);
        let line = run.usage_error();
        assert!(
            line.starts_with(&format!("error: {expected}")),
            "{contents}\n got: {line}\nwant: error: {expected}"
        );
    }
    assert!(
        std::fs::read_dir(repo.path().join(".mso/voyages/v1/orders"))
            .expect("dir")
            .next()
            .is_none(),
        "no order was stored"
    );
}

#[test]
fn malformed_configs_are_refused_naming_the_key_and_file() {
    let repo = Repo::with_voyage();
    let cases = [
        (
            r#"{"surprise": true}"#,
            "at `surprise` (line 1, column 11): unknown field `surprise`",
        ),
        (
            r#"{"crews": {"maxConcurent": 3}}"#,
            "at `crews.maxConcurent` (line 1, column 25): unknown field `maxConcurent`",
        ),
        (
            r#"{"crews": {"maxConcurrent": "five"}}"#,
            "at `crews.maxConcurrent` (line 1, column 34): invalid type: string \"five\", expected u32",
        ),
        (
            r#"{"dataResidency": {"mode": "offline"}}"#,
            "at `dataResidency.mode` (line 1, column 37): unknown variant `offline`",
        ),
        (
            r#"{"scan": {"blockSeverity": "severe"}}"#,
            "at `scan.blockSeverity` (line 1, column 36): unknown variant `severe`",
        ),
        (
            r#"{"crews": []}"#,
            "at `crews`: expected an object, found an array",
        ),
        (r#"{"version": 9}"#, "at `version`: unsupported version 9"),
        (
            r#"{"anthropic": {"baseUrl": "not a url"}}"#,
            "at `anthropic.baseUrl`: `not a url` is not a URL",
        ),
        (
            r#"{"crews": {"executor": {"kind": "slurm"}}}"#,
            "at `crews.executor.advertise`: is required with `slurm`",
        ),
        (
            r#"{"crews": {"executor": {"kind": "k8s"}}}"#,
            "at `crews.executor.kind` (line 1, column 38): unknown variant `k8s`, expected `local` or `slurm`",
        ),
        (
            r#"{"crews": {"executor": {"listen": "everywhere"}}}"#,
            "at `crews.executor.listen`: `everywhere` is not an ip:port address",
        ),
        (
            r#"{"crews": {"executor": {"resources": {"chef": {"cpus": 2}}}}}"#,
            "at `crews.executor.resources.chef`: is neither `default` nor a role",
        ),
        ("{", "(line 1, column 1): EOF while parsing an object"),
    ];
    for (config, expected) in cases {
        repo.write(".mso/workspace.json", config);
        let run = repo.maestro(&["voyage", "list"]);
        let line = run.usage_error();
        let canonical = repo.path().canonicalize().expect("exists");
        let want = format!(
            "error: {}/.mso/workspace.json: {expected}",
            canonical.display()
        );
        assert!(
            line.starts_with(&want),
            "{config}\n got: {line}\nwant: {want}"
        );
    }
}

/// A hand-edited `voyage.json` whose branch is not the voyage's own `maestro/<name>` (here the
/// checked-out `main`) is refused by every command that loads the voyage, with one line naming
/// the file and the value, before anything is changed: `run` would otherwise merge into `main`
/// behind git's back, and `release` push it.
#[test]
fn a_voyage_naming_another_branch_is_refused_by_every_command() {
    let repo = Repo::with_voyage();
    repo.maestro(&[
        "order", "add", "v1", "--id", "a", "--title", "A", "--role", "builder",
    ])
    .ok();
    repo.write(
        "o.toml",
        "[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\n",
    );
    let file = ".mso/voyages/v1/voyage.json";
    let good = repo.read(file);
    repo.write(
        file,
        &good.replace("\"branch\": \"maestro/v1\"", "\"branch\": \"main\""),
    );
    let before = repo.state();
    let commands: [&[&str]; 20] = [
        &["run", "v1"],
        &["run", "v1", "--dry-run"],
        &["status"],
        &["status", "v1"],
        &["report", "v1"],
        &["release", "v1"],
        &["worktree", "prune"],
        &["worktree", "prune", "--force"],
        &["worktree", "list"],
        &["voyage", "list"],
        &["voyage", "show", "v1"],
        &["voyage", "import", "v1", "o.toml"],
        &[
            "order", "add", "v1", "--id", "c", "--title", "C", "--role", "builder",
        ],
        &["plan", "v1", "a goal"],
        &["order", "retry", "v1", "a"],
        &["order", "retry", "v1", "--failed"],
        &["order", "edit", "v1", "a", "--title", "T"],
        &["order", "remove", "v1", "a"],
        &["voyage", "import", "v1", "o.toml", "--replace"],
        &["voyage", "remove", "v1", "--branch"],
    ];
    for args in commands {
        let run = repo.maestro(args);
        let line = run.usage_error();
        assert!(
            line.contains("/.mso/voyages/v1/voyage.json: at `branch`: the branch `main` is not the voyage's own branch `maestro/v1`"),
            "{args:?}: {line}"
        );
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
}

/// A command that fails with exit code 2 writes no state file: the `.mso/` tree (and every
/// ref) is the same before and after.
#[test]
fn a_failing_command_writes_no_state_file() {
    let repo = Repo::with_voyage();
    // The community tier does not allow the releaser role: `run` refuses the orders.
    repo.maestro(&[
        "order", "add", "v1", "--id", "a", "--title", "A", "--role", "releaser",
    ])
    .ok();
    repo.write("bad.toml", "bad = 1\n");
    let cases: [&[&str]; 8] = [
        &["run", "v1"],
        &["run", "v1", "--dry-run"],
        &["run", "nope"],
        &["plan", "nope", "a goal"],
        &[
            "order",
            "add",
            "v1",
            "--id",
            "b",
            "--title",
            "B",
            "--role",
            "builder",
            "--depends-on",
            "ghost",
        ],
        &["voyage", "import", "v1", "bad.toml"],
        &["voyage", "new", "v2", "--base", "nope"],
        &["licence", "activate", "not-a-token"],
    ];
    for args in cases {
        let before = repo.state();
        let run = repo.maestro(args);
        run.usage_error();
        assert_eq!(
            repo.state().keys().collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "{args:?} created or removed a file"
        );
        assert_eq!(repo.state(), before, "{args:?} changed a file");
    }
    assert!(!repo.path().join(".mso/licence.json").exists());

    // `init` refusing an invalid configuration creates nothing either (no lock file, no
    // voyages directory, no audit key).
    let fresh = Repo::new();
    fresh.write(".mso/workspace.json", "{");
    let before = fresh.state();
    fresh.maestro(&["init"]).usage_error();
    assert_eq!(fresh.state(), before);
    assert!(fresh.audit_keys().is_empty());
}
