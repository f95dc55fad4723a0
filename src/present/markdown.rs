//! The Markdown report: everything a mail provider or the CDN's support
//! needs, in one file to attach to a ticket.

// Writing into a String cannot fail: each `let _ = writeln!` below drops
// an Ok.
use std::fmt::Write;

use super::cells::{LookupCells, ProbeCells, cdn_record_cells, state_mark};
use super::words::{Words, findings_of, unanswered_of};
use crate::judge::diagnosis::Diagnosis;
use crate::model::evidence::ProbePolicy;
use crate::model::sanitize::clean;

/// Backslash-escapes what Markdown would read as markup, so DNS text shows
/// as it is and cannot inject links, HTML or table cells.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if "\\`*_[]<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The report: who and when, the summary, the findings step by step, every
/// lookup and probe, and a word for whoever receives it.
pub fn render(d: &Diagnosis, words: &Words) -> String {
    let mut out = String::new();
    header(&mut out, d, words);
    findings(&mut out, d, words);
    evidence(&mut out, d, words);
    spf(&mut out, d, words);
    if let Some((title, lines)) = super::dnssec::lines(d, words.loc) {
        let _ = writeln!(out, "## {}\n", escape(&title));
        for line in lines {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        out.push('\n');
    }
    for_support(&mut out, d, words);
    out
}

fn header(out: &mut String, d: &Diagnosis, words: &Words) {
    let ev = &d.evidence;
    let m = |id: &str| words.loc.msg(id, &[]);
    let domain = ev.target.display();
    let _ = writeln!(
        out,
        "# {}\n",
        escape(&words.msg("report-title", &[("domain", &domain)]))
    );
    let rows = [
        (m("label-domain"), domain.clone()),
        (m("label-brand"), words.brand.name.clone()),
        (m("label-resolvers"), ev.resolvers.join(", ")),
        (
            m("label-started"),
            ev.started_at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        ),
        (m("label-elapsed"), format!("{} ms", ev.elapsed_ms)),
        (
            m("label-version"),
            format!("mxdoctor {}", env!("CARGO_PKG_VERSION")),
        ),
        (
            m("label-language"),
            format!("{} ({})", m("wiz-language-name"), words.loc.lang().id()),
        ),
    ];
    let answer = d.same_machine.map(|yes| {
        let answer = if yes { "yes" } else { "no" };
        (
            m("label-same-machine"),
            words.msg("answer-yes-no", &[("answer", answer)]),
        )
    });
    let _ = writeln!(out, "| | |\n|---|---|");
    for (k, v) in rows.into_iter().chain(answer) {
        let _ = writeln!(out, "| {} | {} |", escape(&k), escape(&v));
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        m("report-summary"),
        words.summary(d)
    );
}

fn findings(out: &mut String, d: &Diagnosis, words: &Words) {
    let m = |id: &str| words.loc.msg(id, &[]);
    let _ = writeln!(out, "## {}\n", m("report-findings"));
    for (n, report) in d.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. {} — {} {}\n",
            n + 1,
            escape(&words.step(report.step)),
            state_mark(report.state),
            escape(&words.step_state(report.state))
        );
        for u in unanswered_of(d, report) {
            let _ = writeln!(out, "- {}", escape(&words.unanswered(u)));
        }
        if !unanswered_of(d, report).is_empty() {
            let _ = writeln!(out);
        }
        let findings = findings_of(d, report.step);
        for f in findings {
            let _ = writeln!(
                out,
                "- **{}** `{}` {}\n  - {} {}\n  - {} {}",
                escape(&words.finding_kind(f)),
                f.code.id(),
                escape(&words.line(f)),
                m("label-why"),
                escape(&words.why(f)),
                m("label-fix"),
                escape(&words.fix(f)),
            );
        }
        // One blank line after a list; a heading alone already has one.
        if !findings_of(d, report.step).is_empty() {
            let _ = writeln!(out);
        }
    }
}

/// The SPF record's tree, each record and term on a line of a nested
/// list, every outside text escaped.
fn spf(out: &mut String, d: &Diagnosis, words: &Words) {
    let Some(spf) = &d.spf else {
        return;
    };
    let title = super::spf::title(spf, words.loc);
    let _ = writeln!(out, "## {}\n", escape(&title));
    for line in super::spf::tree_lines(&spf.tree, words.loc) {
        let text = line.trim_start();
        let depth = line.len() - text.len();
        let _ = writeln!(out, "{}- {}", " ".repeat(depth), escape(text));
    }
    out.push('\n');
}

fn evidence(out: &mut String, d: &Diagnosis, words: &Words) {
    let ev = &d.evidence;
    let m = |id: &str| words.loc.msg(id, &[]);
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        m("label-lookups"),
        m("col-name"),
        m("col-type"),
        m("col-status"),
        m("col-answers"),
        m("col-ttl"),
        m("col-ms"),
        m("col-server"),
    );
    for mut c in ev.lookups.iter().map(|l| LookupCells::of(l, words.loc)) {
        c.answers = c.answers.iter().map(|a| escape(a)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(&c.name),
            c.qtype,
            c.status,
            c.answers_joined("<br>"),
            c.ttl_or_dash(),
            c.ms,
            escape(&c.server),
        );
    }

    if let Some(Ok(zone)) = &ev.cdn {
        let _ = writeln!(
            out,
            "\n## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
            escape(&words.msg("label-cdn-records", &[("zone", &clean(&zone.name))])),
            m("col-name"),
            m("col-type"),
            m("col-content"),
            m("col-proxy"),
        );
        for r in &zone.records {
            let cells = cdn_record_cells(words, r).map(|c| escape(&c));
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }

    // The port the run used, as its tests show it; the standard one else.
    let port = ev.probes.first().map_or(25, |p| p.port).to_string();
    let _ = writeln!(
        out,
        "\n## {}\n",
        words.loc.msg("label-probes", &[("port", port.into())])
    );
    if ev.probe_policy == ProbePolicy::Off {
        let _ = writeln!(out, "{}\n", m("label-not-probed"));
    } else if ev.probes.is_empty() {
        let _ = writeln!(out, "{}\n", m("label-no-probe"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            m("col-host"),
            m("col-address"),
            m("col-port"),
            m("col-result"),
            m("col-ms"),
        );
        for c in ev.probes.iter().map(|p| ProbeCells::of(p, words.loc)) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&c.host),
                c.address,
                c.port,
                escape(&c.result()),
                c.ms
            );
        }
        let _ = writeln!(out);
    }
}

fn for_support(out: &mut String, d: &Diagnosis, words: &Words) {
    let domain = d.evidence.target.display();
    let _ = writeln!(
        out,
        "## {}\n\n{}\n\n{}",
        escape(&words.msg("report-for-support", &[])),
        escape(&words.msg("report-for-support-text", &[("domain", &domain)])),
        words.msg(
            "report-article",
            &[("url", words.brand.article_url(words.loc.lang()))]
        ),
    );
}

/// Between two domains' reports in one file.
pub const SEPARATOR: &str = "\n---\n\n";
