//! `mxdoctor spf`: what a receiver concludes of one sender, the term that
//! decided, and what each term of the record and its includes cost.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::i18n::{Args, Localizer};
use crate::model::sanitize::clean;
use crate::model::spf::eval::{Evaluation, Failure, MAX_LOOKUPS, MAX_VOID, Node, Query};

/// The evaluation as text: a verdict, then the tree.
pub(crate) fn text(e: &Evaluation, q: &Query, loc: &Localizer) -> String {
    let mut out = String::new();
    let ip = q.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let sender = if q.sender.is_empty() {
        format!("postmaster@{}", q.helo)
    } else {
        q.sender.clone()
    };
    let line = |id: &str, args: &Args| loc.msg(id, args) + "\n";
    out += &line(
        "spf-verdict",
        &[
            ("ip", ip.into()),
            ("sender", clean(&sender).into()),
            ("helo", clean(&q.helo).into()),
            ("result", e.result.as_str().into()),
        ],
    );
    if let Some(m) = &e.mechanism {
        out += &line("spf-decided", &[("term", clean(m).into())]);
    }
    if let Some(x) = &e.explanation {
        out += &line("spf-explanation", &[("text", clean(x).into())]);
    }
    if let Some(f) = &e.failure {
        out += &line("spf-stopped", &[("why", failure(f, loc).into())]);
    }
    out += &line(
        "spf-cost",
        &[
            ("lookups", e.lookups.to_string().into()),
            ("max", MAX_LOOKUPS.to_string().into()),
            ("void", e.void.to_string().into()),
            ("max_void", MAX_VOID.to_string().into()),
        ],
    );
    if e.tree.record.is_some() {
        out.push('\n');
        tree(&e.tree, 0, loc, &mut out);
    }
    out
}

/// Why the evaluation stopped, in words.
fn failure(f: &Failure, loc: &Localizer) -> String {
    let (id, args): (&str, Vec<(&str, Cow<'_, str>)>) = match f {
        Failure::Syntax {
            domain,
            problem,
            term,
        } => (
            "spf-why-syntax",
            vec![
                ("domain", clean(domain).into()),
                ("problem", (*problem).into()),
                ("term", clean(term).into()),
            ],
        ),
        Failure::Multiple { domain, count } => (
            "spf-why-multiple",
            vec![
                ("domain", clean(domain).into()),
                ("count", count.to_string().into()),
            ],
        ),
        Failure::NoRecord { domain } => {
            ("spf-why-no-record", vec![("domain", clean(domain).into())])
        }
        Failure::TooManyLookups { count } => {
            ("spf-why-lookups", vec![("count", count.to_string().into())])
        }
        Failure::TooManyVoid { count } => {
            ("spf-why-void", vec![("count", count.to_string().into())])
        }
        Failure::TooManyNames { term, count } => (
            "spf-why-names",
            vec![
                ("term", clean(term).into()),
                ("count", count.to_string().into()),
            ],
        ),
        Failure::Loop { domain } => ("spf-why-loop", vec![("domain", clean(domain).into())]),
        Failure::Lookup {
            name,
            qtype,
            status,
        } => (
            "spf-why-lookup",
            vec![
                ("name", clean(name).into()),
                ("type", qtype.as_str().into()),
                ("status", status.as_str().into()),
            ],
        ),
    };
    loc.msg(id, &args)
}

/// The record's verdict in one line when receivers evaluate it without
/// error: what it costs against the limits of RFC 7208 §4.6.4.
pub(crate) fn verdict(e: &Evaluation, loc: &Localizer) -> Option<String> {
    if e.failure.is_some() || e.tree.record.is_none() {
        return None;
    }
    Some(loc.msg(
        "spf-record-ok",
        &[
            ("lookups", e.lookups.to_string().into()),
            ("void", e.void.to_string().into()),
        ],
    ))
}

/// A report's heading for the record: what the evaluation cost.
pub(crate) fn title(e: &Evaluation, loc: &Localizer) -> String {
    loc.msg(
        "label-spf",
        &[
            ("lookups", e.lookups.to_string().into()),
            ("void", e.void.to_string().into()),
        ],
    )
}

/// The tree as lines, each with its depth: for a report to lay out.
pub(crate) fn tree_lines(node: &Node, loc: &Localizer) -> Vec<String> {
    let mut out = String::new();
    tree(node, 0, loc, &mut out);
    out.lines().map(str::to_string).collect()
}

/// Each record, then its terms indented under it with what they cost.
fn tree(node: &Node, depth: usize, loc: &Localizer, out: &mut String) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(
        out,
        "{pad}{}  \"{}\"",
        clean(&node.domain),
        clean(node.record.as_deref().unwrap_or_default())
    );
    for t in &node.terms {
        let mut notes = vec![];
        if t.cost > 0 {
            notes.push(loc.msg("spf-term-cost", &[("count", t.cost.to_string().into())]));
        }
        if t.void {
            notes.push(loc.msg("spf-term-void", &[]));
        }
        if t.unresolved {
            notes.push(loc.msg("spf-term-unresolved", &[]));
        }
        if t.matched {
            notes.push(loc.msg("spf-term-matched", &[]));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join(", "))
        };
        let _ = writeln!(out, "{pad}  {}{notes}", clean(&t.text));
        if let Some(child) = &t.child {
            tree(child, depth + 2, loc, out);
        }
    }
}

/// The evaluation as JSON: result, explanation, the deciding term, the
/// lookups and the tree. Outside text is cleaned and capped.
pub(crate) fn json(e: &Evaluation, loc: &Localizer) -> String {
    let value = json!({
        "result": e.result.as_str(),
        "explanation": e.explanation.as_deref().map(clean),
        "mechanism": e.mechanism.as_deref().map(clean),
        "lookups": e.lookups,
        "void_lookups": e.void,
        "error": e.failure.as_ref().map(|f| failure(f, loc)),
        "tree": node(&e.tree),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// One domain's record in a report's JSON: what it costs and its tree.
pub(crate) fn report_json(e: &Evaluation) -> Value {
    json!({
        "result": e.result.as_str(),
        "lookups": e.lookups,
        "void_lookups": e.void,
        "tree": node(&e.tree),
    })
}

fn node(n: &Node) -> Value {
    json!({
        "domain": clean(&n.domain),
        "record": n.record.as_deref().map(clean),
        "terms": n.terms.iter().map(|t| json!({
            "term": clean(&t.text),
            "cost": t.cost,
            "void": t.void,
            "matched": t.matched,
            "needs_sender_address": t.unresolved,
            "record": t.child.as_deref().map(node),
        })).collect::<Vec<_>>(),
    })
}
