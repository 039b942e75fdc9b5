use super::*;

fn orders(spec: &[(&str, &[&str])]) -> Vec<OrderSpec> {
    spec.iter()
        .map(|(id, deps)| OrderSpec {
            id: id.parse().expect("valid id"),
            title: (*id).to_owned(),
            role: crate::Role::Builder,
            prompt: String::new(),
            depends_on: deps.iter().map(|d| d.parse().expect("valid id")).collect(),
            scope: None,
            agent: None,
            accept: Vec::new(),
        })
        .collect()
}

#[test]
fn topological_order_is_stable() {
    let dag = Dag::new(&orders(&[
        ("docs", &["api", "db"]),
        ("api", &["db"]),
        ("db", &[]),
        ("ui", &[]),
    ]))
    .expect("valid");
    let names: Vec<&str> = dag
        .topological()
        .iter()
        .map(|&i| dag.id(i).as_str())
        .collect();
    assert_eq!(names, ["db", "api", "docs", "ui"]);
    assert_eq!(dag.dependents(2), vec![1, 0]);
}

#[test]
fn ready_set_needs_merged_dependencies() {
    use OrderState::*;
    let dag = Dag::new(&orders(&[
        ("a", &[]),
        ("b", &["a"]),
        ("c", &[]),
        ("d", &["a", "c"]),
    ]))
    .expect("valid");
    assert_eq!(dag.ready(&[Pending, Pending, Pending, Pending]), vec![0, 2]);
    assert_eq!(dag.ready(&[Merged, Pending, Running, Pending]), vec![1]);
    assert_eq!(dag.ready(&[Merged, Merged, Merged, Pending]), vec![3]);
    assert_eq!(
        dag.ready(&[Failed, Blocked, Merged, Blocked]),
        Vec::<usize>::new()
    );
}

#[test]
fn errors_name_what_is_wrong() {
    type Graph<'a> = &'a [(&'a str, &'a [&'a str])];
    let cases: [(Graph, &str); 5] = [
        (&[("a", &[]), ("a", &[])], "duplicate order id `a`"),
        (&[("a", &["zz"])], "order `a` depends on unknown order `zz`"),
        (
            &[("a", &["b"]), ("b", &["a"])],
            "dependency cycle: a -> b -> a",
        ),
        (&[("a", &["a"])], "dependency cycle: a -> a"),
        (
            &[("x", &[]), ("a", &["b"]), ("b", &["c"]), ("c", &["a", "x"])],
            "dependency cycle: a -> b -> c -> a",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            Dag::new(&orders(input)).expect_err(message).to_string(),
            message
        );
    }
}

#[test]
fn a_cycle_behind_a_chain_is_named_without_the_chain() {
    let err =
        Dag::new(&orders(&[("top", &["m"]), ("m", &["n"]), ("n", &["m"])])).expect_err("cycle");
    assert_eq!(err.to_string(), "dependency cycle: m -> n -> m");
}
