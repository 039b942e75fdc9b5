use super::*;
use serde_json::json;

fn action(input: &Value) -> ToolAction {
    parse(input).expect("valid").action
}

#[test]
fn known_tools_are_parsed() {
    let call = parse(
        &json!({"tool_name": "MultiEdit", "cwd": "/w", "tool_input": {
        "file_path": "a.rs", "edits": [{"old_string": "a", "new_string": "x"},
        {"old_string": "b", "new_string": "y", "replace_all": true}]}}),
    )
    .expect("valid");
    assert_eq!(call.tool, "MultiEdit");
    assert_eq!(call.written_path(), Some("a.rs"));
    assert_eq!(
        call.action,
        ToolAction::Edit {
            path: "a.rs".into(),
            edits: vec![
                Replacement {
                    old: "a".into(),
                    new: "x".into(),
                    all: false
                },
                Replacement {
                    old: "b".into(),
                    new: "y".into(),
                    all: true
                },
            ]
        }
    );
    assert_eq!(call.cwd.as_deref(), Some(std::path::Path::new("/w")));
    assert_eq!(
        action(&json!({"tool_name": "Bash", "tool_input": {"command": "ls"}})),
        ToolAction::Command("ls".into())
    );
    assert_eq!(
        action(&json!({"tool_name": "Write", "tool_input": {"file_path": "f", "content": "c"}})),
        ToolAction::Write {
            path: "f".into(),
            content: "c".into()
        }
    );
}

#[test]
fn unexpected_shapes_are_converted_or_refused() {
    // A notebook cell's source as a list of lines is joined, as Jupyter joins it.
    assert_eq!(
        action(&json!({"tool_name": "NotebookEdit", "tool_input": {
            "notebook_path": "n.ipynb", "new_source": ["AKIA", "Q7RPZ3MFXW2BKT5L\n"]}})),
        ToolAction::Notebook {
            path: "n.ipynb".into(),
            source: "AKIAQ7RPZ3MFXW2BKT5L\n".into()
        }
    );
    assert_eq!(
        action(&json!({"tool_name": "NotebookEdit", "tool_input": {
            "notebook_path": "n.ipynb", "new_source": 12345}})),
        ToolAction::Notebook {
            path: "n.ipynb".into(),
            source: "12345".into()
        }
    );
    assert_eq!(
        action(
            &json!({"tool_name": "Write", "tool_input": {"file_path": "f", "content": ["a", "b"]}})
        ),
        ToolAction::Write {
            path: "f".into(),
            content: "ab".into()
        }
    );
    for (input, wrong) in [
        (
            json!({"tool_name": "Write", "tool_input": {"file_path": "f", "content": {"a": 1}}}),
            "`content` is an object",
        ),
        (
            json!({"tool_name": "NotebookEdit", "tool_input": {"notebook_path": "n", "new_source": [1, "a"]}}),
            "`new_source` is a list",
        ),
        (
            json!({"tool_name": "Edit", "tool_input": {"file_path": "f", "old_string": "a", "new_string": "b", "replace_all": "yes"}}),
            "`replace_all`",
        ),
    ] {
        let error = parse(&input).expect_err("refused").to_string();
        assert!(error.contains(wrong), "{input}: {error}");
    }
}

#[test]
fn other_tools_have_their_strings_and_paths_collected() {
    let ToolAction::Other { paths, texts } = action(&json!({"tool_name": "mcp__fs__write_file",
        "tool_input": {"path": "/etc/passwd", "content": "AKIA", "options": {"backupDir": "../x",
        "parts": ["AKIAQ7RP", "Z3MFXW2BKT5L"]}, "ref": "file:///tmp/y"}}))
    else {
        panic!("another tool");
    };
    // Keys in the order the JSON object keeps them (sorted).
    assert_eq!(paths, ["../x", "/etc/passwd", "/tmp/y"]);
    assert!(
        texts.iter().any(|t| t == "AKIAQ7RPZ3MFXW2BKT5L"),
        "{texts:?}"
    );
    let ToolAction::Read { paths, .. } = action(&json!({"tool_name": "Glob", "tool_input": {
        "pattern": "/repo/.mso/**/*.json"}}))
    else {
        panic!("a read");
    };
    assert_eq!(paths, ["/repo/.mso"]);
    let ToolAction::Read { paths, .. } = action(&json!({"tool_name": "Read", "tool_input": {
        "file_path": "/repo/.mso/workspace.json"}}))
    else {
        panic!("a read");
    };
    assert_eq!(paths, ["/repo/.mso/workspace.json"]);
}

#[test]
fn malformed_input_names_what_is_wrong() {
    for (input, wrong) in [
        (json!({}), "`tool_name`"),
        (json!({"tool_name": "Write"}), "`tool_input`"),
        (
            json!({"tool_name": "Write", "tool_input": {"file_path": "a"}}),
            "`content`",
        ),
        (
            json!({"tool_name": "Edit", "tool_input": {"file_path": 3}}),
            "`file_path`",
        ),
        (
            json!({"tool_name": "MultiEdit", "tool_input": {"file_path": "a"}}),
            "`edits`",
        ),
        (
            json!({"tool_name": "Bash", "tool_input": "ls"}),
            "`tool_input`",
        ),
        (
            json!({"tool_name": "Read", "tool_input": "x"}),
            "`tool_input`",
        ),
    ] {
        let error = parse(&input).expect_err("malformed").to_string();
        assert!(error.contains(wrong), "{input}: {error}");
    }
    assert!(read_input(&b"{not json"[..]).is_err());
    assert_eq!(read_input(&b"{}"[..]), Ok(json!({})));
}
