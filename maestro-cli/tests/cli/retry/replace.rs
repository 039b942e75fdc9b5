//! `voyage import --replace` puts fixed orders back.

use super::*;

#[test]
fn a_replacing_import_puts_the_fixed_orders_back() {
    let repo = failed_voyage();
    let fixed = FAILING.replace("test -f fixed.txt", "test -f api.txt");
    repo.write("fixed.toml", &format!("{fixed}\n[[orders]]\nid = \"more\"\ntitle = \"More\"\nrole = \"builder\"\ndepends_on = [\"docs\"]\nagent = {{ command = [\"sh\", \"-c\", \"echo more > more.txt\"] }}\n"));
    // Without --replace, the existing ids are refused, as before.
    let plain = repo.maestro(&["voyage", "import", "v1", "fixed.toml"]);
    assert!(plain.usage_error().contains("already exists"));
    let run = repo.maestro(&["voyage", "import", "v1", "fixed.toml", "--replace"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        imported fixed.toml into voyage v1: added: more; replaced (back to pending, with a fresh attempt budget): api; back to pending, nothing blocks them any more: docs
        --- stderr
        "
    );
    run.ok();
    assert_eq!(
        states(&repo),
        [
            s("api", "pending", 1),
            s("docs", "pending", 0),
            s("more", "pending", 0)
        ]
    );
    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/orders/api.json")).expect("JSON");
    assert_eq!(stored["spec"]["accept"][0]["run"], "test -f api.txt");
    assert_eq!(stored["failures"], 0);
    assert!(audited(&repo).contains(&("order.replace".into(), "v1/api".into())));
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_git_is_sound(&repo);

    // A cycle through a replaced order is refused, located in the file.
    repo.write(
        "cycle.toml",
        "[[orders]]\nid = \"extra\"\ntitle = \"E\"\nrole = \"builder\"\ndepends_on = [\"other\"]\n\n[[orders]]\nid = \"other\"\ntitle = \"O\"\nrole = \"builder\"\ndepends_on = [\"extra\"]\n",
    );
    let before = repo.state();
    let cycle = repo.maestro(&["voyage", "import", "v1", "cycle.toml", "--replace"]);
    snapshot!(
        repo,
        cycle,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: cycle.toml: line 2, column 6: dependency cycle: extra -> other -> extra
        "
    );
    cycle.usage_error();
    assert_eq!(repo.state(), before);
}
