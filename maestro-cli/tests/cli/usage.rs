use crate::snapshot;
use crate::support::Repo;

#[test]
fn help_lists_the_commands() {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["--help"]);
    snapshot!("help", dir, run);
    run.ok();
}

#[test]
fn usage_errors_are_one_line_with_exit_code_2() {
    let dir = Repo::empty_dir();
    for (name, args) in [
        ("usage_unknown_command", vec!["sail"]),
        ("usage_unknown_flag", vec!["status", "--colour"]),
        ("usage_missing_argument", vec!["voyage", "import", "v1"]),
        (
            "usage_bad_directory",
            vec!["-C", "/nonexistent/dir", "status"],
        ),
    ] {
        let run = dir.maestro(&args);
        snapshot!(name, dir, run);
        run.usage_error();
    }
}
