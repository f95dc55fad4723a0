//! A fix in words: the plan shown before anything changes, each change as
//! it went with the call that undoes it, and the same for the report.

use std::borrow::Cow;
// Writing into a String cannot fail: each `let _ = writeln!` below drops
// an Ok.
use std::fmt::Write;

use super::markdown::escape;
use super::words::{Words, clock};
use crate::judge::cdn::failure_finding;
use crate::model::cdn::{Applied, Change, FixPlan, TOKEN_VAR};
use crate::model::sanitize::clean;

/// One change in a line: `mail.example.com A 192.0.2.7: Proxied → DNS only`.
pub(crate) fn change_line(words: &Words, change: &Change) -> String {
    let c = |s: &str| Cow::Owned(clean(s));
    match change {
        Change::Unproxy(r) => words.loc.msg(
            "fix-change-unproxy",
            &[
                ("name", c(&r.name)),
                ("type", c(&r.kind)),
                ("content", c(&r.content)),
            ],
        ),
        Change::Create {
            kind,
            name,
            content,
        } => words.loc.msg(
            "fix-change-create",
            &[
                ("name", c(name)),
                ("type", c(kind)),
                ("content", c(content)),
            ],
        ),
        Change::RetargetMx { record, to } => words.loc.msg(
            "fix-change-retarget-mx",
            &[
                ("name", c(&record.name)),
                ("from", c(&record.content)),
                ("to", c(to)),
            ],
        ),
        Change::CreateMx { name, to } => words
            .loc
            .msg("fix-change-create-mx", &[("name", c(name)), ("to", c(to))]),
    }
}

/// The plan, before the question: the changes, what is locked, and what
/// becomes public.
pub(crate) fn plan_text(words: &Words, plan: &FixPlan, domain: &str) -> String {
    let mut out = String::new();
    if plan.changes.is_empty() && !plan.locked.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            words.msg(
                "fix-only-locked",
                &[("domain", domain), ("brand", &words.brand.name)]
            )
        );
    } else if plan.changes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            words.msg(
                "fix-nothing",
                &[("domain", domain), ("brand", &words.brand.name)]
            )
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            words.msg(
                "fix-plan-title",
                &[("domain", domain), ("brand", &words.brand.name)]
            )
        );
        for change in &plan.changes {
            let _ = writeln!(out, "  • {}", change_line(words, change));
        }
    }
    for r in &plan.locked {
        let _ = writeln!(
            out,
            "  ! {}",
            words.msg(
                "fix-locked",
                &[
                    ("name", &clean(&r.name)),
                    ("type", &clean(&r.kind)),
                    ("brand", &words.brand.name),
                    (
                        "service",
                        &r.meta.managed_by.as_deref().map_or("none".into(), clean)
                    ),
                ]
            )
        );
    }
    if !plan.changes.is_empty() {
        let _ = writeln!(out, "\n{}", words.msg("fix-warn-public", &[]));
    }
    if !plan.shared_origin.is_empty() {
        let shared = words.list(plan.shared_origin.iter().map(|a| clean(a)));
        let _ = writeln!(
            out,
            "{}",
            words.msg("fix-warn-shared", &[("addresses", &shared)])
        );
    }
    out
}

/// The command that puts a change back, when it was made: curl, with the
/// token from the environment (never written out), every value quoted
/// for the shell.
pub(crate) fn undo_call(zone_id: &str, applied: &Applied) -> Option<String> {
    let record = applied.outcome.as_ref().ok()?;
    let url = format!(
        "{}/zones/{}/dns_records/{}",
        clean(&applied.base),
        clean(zone_id),
        clean(&record.id)
    );
    let (method, body) = match &applied.change {
        Change::Unproxy(_) => ("PATCH", Some(serde_json::json!({"proxied": true}))),
        Change::RetargetMx { record: old, .. } => (
            "PATCH",
            Some(serde_json::json!({"content": clean(&old.content)})),
        ),
        Change::Create { .. } | Change::CreateMx { .. } => ("DELETE", None),
    };
    let mut call = format!(
        "curl -X {method} -H \"Authorization: Bearer ${TOKEN_VAR}\" {}",
        shell_quote(&url)
    );
    if let Some(body) = body {
        call.push_str(" -H 'Content-Type: application/json' --data ");
        call.push_str(&shell_quote(&body.to_string()));
    }
    Some(call)
}

/// `text` as one shell word: single quotes, a quote inside closed and
/// escaped.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// A change as it went, with the way back.
pub(crate) fn applied_lines(
    words: &Words,
    zone_id: &str,
    applied: &Applied,
    domain: &str,
) -> String {
    let change = change_line(words, &applied.change);
    match &applied.outcome {
        Ok(_) => {
            let mut out = words.msg(
                "fix-applied",
                &[("change", &change), ("time", &clock(applied.at))],
            );
            if let Some(call) = undo_call(zone_id, applied) {
                let _ = write!(out, "\n    {}", words.msg("fix-undo", &[("call", &call)]));
            }
            out
        }
        Err(failure) => {
            let f = failure_finding(failure, domain);
            words.msg(
                "fix-failed",
                &[("change", &change), ("reason", &words.line(&f))],
            ) + "\n    "
                + &words.fix(&f)
        }
    }
}

/// The changes for the report: what, when, by which token, the values
/// before, the undo.
pub(crate) fn markdown(
    words: &Words,
    plan: &FixPlan,
    applied: &[Applied],
    token: Option<&str>,
) -> String {
    let mut out = format!("\n## {}\n\n", words.msg("fix-report-title", &[]));
    // Every text here may come from the API: escaped as Markdown, so a
    // hostile name cannot make a link, HTML or a table cell.
    if let Some(token) = token {
        let _ = writeln!(
            out,
            "{}\n",
            words.msg("fix-report-token", &[("token", &escape(token))])
        );
    }
    for a in applied {
        let when = a.at.to_string();
        let line = change_line(words, &a.change);
        let outcome = match &a.outcome {
            Ok(_) => words.msg("fix-report-done", &[]),
            Err(f) => words.line(&failure_finding(f, "")),
        };
        let _ = writeln!(out, "- `{when}` {} — {}", escape(&line), escape(&outcome));
        if let Some(call) = undo_call(&plan.zone_id, a) {
            // A code span shows its text as it is; only a backtick inside
            // would end it early.
            let call = format!("`{}`", call.replace('`', "'"));
            let _ = writeln!(out, "  - {}", words.msg("fix-undo", &[("call", &call)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::model::brand::Brand;
    use crate::model::cdn::{Applied, CdnRecord, Change, FixPlan};
    use crate::model::lang::Lang;
    use crate::present::Words;
    use crate::present::i18n::Localizer;

    /// Names and contents from a hostile API make no link, no HTML and no
    /// escape sequence in the Markdown report.
    #[test]
    fn the_fix_section_escapes_what_the_api_says() {
        let loc = Localizer::new(Lang::En);
        let brand = Brand::built_in("cloudflare").unwrap();
        let words = Words {
            loc: &loc,
            brand: &brand,
        };
        let hostile = "x\u{1b}[2J`](javascript:alert(1))<script>";
        let record = CdnRecord::new("r1", "A", hostile, hostile, true);
        let plan = FixPlan {
            zone_id: "z1".into(),
            changes: vec![Change::Unproxy(record.clone())],
            ..FixPlan::default()
        };
        let applied = vec![Applied {
            change: Change::Unproxy(record.clone()),
            base: "https://api.example/v4".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            outcome: Ok(record),
        }];
        let text = markdown(&words, &plan, &applied, Some(hostile));
        assert!(!text.contains('\u{1b}'), "{text}");
        // Every bracket that could close a link text is escaped.
        for (i, _) in text.match_indices("](") {
            assert_eq!(text.get(i - 1..i), Some("\\"), "{text}");
        }
        assert!(!text.contains("<script>"), "{text}");
        assert!(text.contains("\\<script\\>"), "{text}");
    }
}
