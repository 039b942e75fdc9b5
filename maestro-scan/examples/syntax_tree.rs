//! Print the syntax tree of a source file as maestro-scan's code engine parses it (node kinds and
//! field names), for writing a language's table and rules.
//!
//! `cargo run -p maestro-scan --example syntax_tree -- FILE...`

#![allow(clippy::print_stdout, clippy::print_stderr)] // an example prints

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
                continue;
            }
        };
        if let Some(tree) = maestro_scan::code::syntax_tree(&path, &text) {
            println!("{path}:\n{}\n", indent(&tree));
        } else {
            eprintln!("{path}: no grammar for this extension");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// One node per line, indented by depth, each with its field name.
fn indent(sexp: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut field = String::new();
    let mut chars = sexp.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => {
                if !out.is_empty() {
                    out.push('\n');
                    out.push_str(&"  ".repeat(depth));
                }
                out.push_str(&field);
                field.clear();
                depth += 1;
                out.push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            ' ' => {
                // A field name is a word ending in ':' before a node.
                let mut word = String::new();
                while let Some(&n) = chars.peek() {
                    if n == ' ' || n == '(' || n == ')' {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                if word.ends_with(':') {
                    field = format!("{word} ");
                    if chars.peek() == Some(&' ') {
                        chars.next();
                    }
                } else if !word.is_empty() {
                    out.push(' ');
                    out.push_str(&word);
                }
            }
            _ => out.push(c),
        }
    }
    out
}
