//! The layers keep their direction: a module uses only layers below it.
//!
//! ```text
//! main → run → {cli, tui} → {present, diagnose} → {judge, gather, fix, demo} → model
//! ```

use std::path::{Path, PathBuf};

/// Each layer's rank: a file may name `crate::X` only for a lower rank.
const LAYERS: &[(&str, u8)] = &[
    ("model", 0),
    ("gather", 1),
    ("judge", 1),
    ("demo", 1),
    ("fix", 1),
    ("present", 2),
    ("diagnose", 2),
    ("cli", 3),
    ("tui", 3),
    ("run", 4),
];

fn rank(layer: &str) -> Option<u8> {
    LAYERS.iter().find(|(l, _)| *l == layer).map(|(_, r)| *r)
}

/// `(layer used, line)` for every `crate::layer` in `source` that `layer`
/// may not use.
fn violations(layer: &str, source: &str) -> Vec<(String, usize)> {
    let Some(own) = rank(layer) else {
        return vec![];
    };
    let mut out = vec![];
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("crate::") {
            let used: String = code
                .get(i + "crate::".len()..)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if used != layer && rank(&used).is_some_and(|r| r >= own) {
                out.push((used, n + 1));
            }
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_layer_uses_one_above_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    sources(&src, &mut files);
    let mut found = vec![];
    let mut layered = 0;
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let layer = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        if rank(&layer).is_none() {
            // lib.rs (the facade) and main.rs sit on top of everything.
            continue;
        }
        layered += 1;
        let source = std::fs::read_to_string(&file).unwrap();
        for (used, line) in violations(&layer, &source) {
            found.push(format!("{}:{line} uses {used}", relative.display()));
        }
    }
    assert!(layered > 30, "only {layered} files found under src/");
    assert!(found.is_empty(), "layer violations:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_a_violation() {
    assert_eq!(
        violations(
            "judge",
            "use crate::gather::dns::Dns;\nuse crate::model::evidence;"
        ),
        [("gather".to_string(), 1)]
    );
    assert_eq!(
        violations("tui", "let x = crate::run::main();"),
        [("run".to_string(), 1)]
    );
    assert!(violations("tui", "use crate::present::Words; // crate::run").is_empty());
    assert!(violations("model", "use crate::model::finding;").is_empty());
}
