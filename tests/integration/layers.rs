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

/// The files and folders a module folder declares: what `super::X` or
/// `crate::a::b::X` may name without reaching into the folder's `mod.rs`.
fn declared(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_stem()?.to_string_lossy().to_string();
            (path.is_dir() || path.extension().is_some_and(|x| x == "rs")).then_some(name)
        })
        .collect()
}

/// The names a `use` or path brings in after `prefix`: `X` in `prefix X`,
/// each of `{X, Y::Z}`.
fn named_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = vec![];
    for (i, _) in code.match_indices(prefix) {
        // `prefix` must start a path, not end a longer one.
        let before = code.get(..i).and_then(|b| b.chars().last());
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = code.get(i + prefix.len()..).unwrap_or("");
        let list = match rest.strip_prefix('{') {
            Some(inner) => inner.split('}').next().unwrap_or(""),
            None => rest,
        };
        for item in list.split(',') {
            let name = item
                .trim()
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("");
            if !name.is_empty() {
                out.push(name);
            }
            if !rest.starts_with('{') {
                break;
            }
        }
    }
    out
}

/// Uses of a name that a folder's `mod.rs` defines, from inside that
/// folder: a back-stair, since `mod.rs` declares the files that use it.
fn back_stairs(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut folders: Vec<Vec<String>> = vec![];
    let parts: Vec<String> = relative
        .parent()
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let is_mod = relative.file_name().is_some_and(|n| n == "mod.rs");
    for depth in 1..=parts.len() {
        if is_mod && depth == parts.len() {
            continue;
        }
        folders.push(parts.iter().take(depth).cloned().collect());
    }
    let source = std::fs::read_to_string(file).unwrap();
    // Tests may use whatever they test.
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = vec![];
    let parent = if is_mod {
        parts
            .len()
            .checked_sub(1)
            .map(|n| parts.iter().take(n).cloned().collect::<Vec<_>>())
    } else {
        Some(parts.clone())
    };
    if let Some(parent) = parent.filter(|p| !p.is_empty()) {
        let known = declared(&src.join(parent.join("/")));
        for name in named_after(&code, "super::") {
            if name != "self" && !known.iter().any(|k| k == name) {
                found.push(format!("{}: super::{name}", relative.display()));
            }
        }
    }
    for folder in folders {
        let known = declared(&src.join(folder.join("/")));
        let prefix = format!("crate::{}::", folder.join("::"));
        for name in named_after(&code, &prefix) {
            if name != "self" && !known.iter().any(|k| k == name) {
                found.push(format!("{}: {prefix}{name}", relative.display()));
            }
        }
    }
    found
}

/// A folder's `mod.rs` declares, re-exports and holds its table: no file
/// of the folder reaches back into it for a helper.
#[test]
fn no_file_takes_a_helper_from_its_own_folders_mod_rs() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    sources(&src, &mut files);
    let found: Vec<String> = files.iter().flat_map(|f| back_stairs(&src, f)).collect();
    assert!(found.is_empty(), "back-stairs:\n{}", found.join("\n"));
}

#[test]
fn the_back_stair_check_sees_one() {
    let dir = tempfile::tempdir().unwrap();
    let judge = dir.path().join("judge");
    std::fs::create_dir(&judge).unwrap();
    std::fs::write(
        judge.join("mod.rs"),
        "mod hosts;\nmod rule;\npub struct Context;",
    )
    .unwrap();
    std::fs::write(judge.join("hosts.rs"), "").unwrap();
    std::fs::write(
        judge.join("rule.rs"),
        "use super::Context;\nuse super::hosts::x;\nuse crate::judge::{Context, hosts};",
    )
    .unwrap();
    let found = back_stairs(dir.path(), &judge.join("rule.rs"));
    assert_eq!(
        found,
        [
            "judge/rule.rs: super::Context",
            "judge/rule.rs: crate::judge::Context"
        ]
    );
}

/// Every module of `src/` by its path (`judge::hosts`), with its file.
fn modules(src: &Path) -> Vec<(String, PathBuf)> {
    let mut files = vec![];
    sources(src, &mut files);
    files
        .into_iter()
        .filter_map(|f| {
            let relative = f.strip_prefix(src).ok()?.with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            (name != "lib" && name != "main").then_some((name, f))
        })
        .collect()
}

/// The modules each module names, by `crate::` paths and `super::`.
fn module_graph(src: &Path) -> Vec<(String, Vec<String>)> {
    let all = modules(src);
    let known = |m: &str| all.iter().any(|(n, _)| n == m);
    all.iter()
        .map(|(name, file)| {
            let source = std::fs::read_to_string(file).unwrap();
            let code = source.split("#[cfg(test)]").next().unwrap_or("");
            // `super::` of `judge/hosts.rs` and of `tui/view/mod.rs` alike
            // is the module one up from its name.
            let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
            let mut uses: Vec<String> = vec![];
            for (prefix, base) in [("crate::", String::new()), ("super::", parent.to_string())] {
                for (i, _) in code.match_indices(prefix) {
                    let rest = code.get(i + prefix.len()..).unwrap_or("");
                    let path: Vec<&str> = rest
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                        .next()
                        .unwrap_or("")
                        .split("::")
                        .filter(|p| !p.is_empty())
                        .collect();
                    let full: Vec<String> = if base.is_empty() {
                        path.iter().map(|p| (*p).to_string()).collect()
                    } else {
                        std::iter::once(base.clone())
                            .chain(path.iter().map(|p| (*p).to_string()))
                            .collect()
                    };
                    // The longest prefix that is a module is the one used.
                    let module = (1..=full.len())
                        .rev()
                        .map(|n| full.iter().take(n).cloned().collect::<Vec<_>>().join("::"))
                        .find(|m| known(m));
                    if let Some(module) = module.filter(|u| u != name && !uses.contains(u)) {
                        uses.push(module);
                    }
                }
            }
            (name.clone(), uses)
        })
        .collect()
}

/// A cycle among modules, if there is one: the path that closes it.
fn a_cycle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Some(
                path.iter()
                    .skip(at)
                    .cloned()
                    .chain([node.to_string()])
                    .collect(),
            );
        }
        if done.iter().any(|d| d == node) {
            return None;
        }
        path.push(node.to_string());
        let next = graph
            .iter()
            .find(|(n, _)| n == node)
            .map(|(_, u)| u.clone());
        for used in next.unwrap_or_default() {
            if let Some(cycle) = visit(&used, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(node.to_string());
        None
    }
    let mut done = vec![];
    graph
        .iter()
        .find_map(|(n, _)| visit(n, graph, &mut vec![], &mut done))
}

/// No two modules use each other, directly or around a loop: each file
/// can be read knowing only what is below it.
#[test]
fn no_module_cycle() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    assert!(graph.len() > 80, "only {} modules", graph.len());
    if let Some(cycle) = a_cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_check_sees_one() {
    let graph = vec![
        ("a".to_string(), vec!["b".to_string()]),
        ("b".to_string(), vec!["c".to_string()]),
        ("c".to_string(), vec!["a".to_string()]),
    ];
    assert_eq!(a_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    assert!(a_cycle(&graph[..2]).is_none());
}
