//! The terminal report: findings by step, in the chosen language, coloured
//! when the output is a terminal that wants colour (anstream decides).

// Writing into a String cannot fail: each `let _ = writeln!` below drops
// an Ok.
use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::cells::{
    LookupCells, ProbeCells, cdn_record_cells, finding_colour, finding_mark, severity_mark,
    state_mark, state_severity,
};
use super::words::{Words, findings_of, unanswered_of};
use crate::judge::StepState;
use crate::judge::diagnosis::Diagnosis;
use crate::model::evidence::Lookup;
use crate::model::finding::Severity;
use crate::model::sanitize::clean;
use crate::present::i18n::Localizer;

fn style(s: Severity) -> (Style, &'static str) {
    let color = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    let style = match s {
        Severity::Error => color(AnsiColor::Red).bold(),
        Severity::Warning => color(AnsiColor::Yellow).bold(),
        Severity::Info => color(AnsiColor::Cyan),
        Severity::Ok => color(AnsiColor::Green),
    };
    (style, severity_mark(s))
}

fn state_style(s: StepState) -> (Style, &'static str) {
    (style(state_severity(s)).0, state_mark(s))
}

/// The report as text with ANSI styles; print it through anstream.
pub fn render(d: &Diagnosis, words: &Words, details: bool) -> String {
    let ev = &d.evidence;
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{}{bold:#} · {} · {} · {} ms",
        ev.target.display(),
        words.brand.name,
        ev.resolvers.join(", "),
        ev.elapsed_ms
    );
    // The verdict first, as dig's status and checkdmarc's "valid" are.
    let (mark, verdict) = super::status::verdict(d, words.loc);
    let (vs, _) = style(match mark {
        '✗' => Severity::Error,
        '?' | '!' => Severity::Warning,
        _ => Severity::Ok,
    });
    let _ = writeln!(out, "{vs}{mark} {verdict}{vs:#}");
    for (n, report) in d.steps.iter().enumerate() {
        let (st, mark) = state_style(report.state);
        let _ = writeln!(
            out,
            "\n{bold}{}. {}{bold:#} — {st}{mark} {}{st:#}",
            n + 1,
            words.step(report.step),
            words.step_state(report.state)
        );
        for u in unanswered_of(d, report) {
            let _ = writeln!(out, "   {st}?{st:#} {}", words.unanswered(u));
        }
        let findings = findings_of(d, report.step);
        for f in findings {
            let (st, _) = style(finding_colour(f));
            let _ = writeln!(
                out,
                "   {st}{} {}{st:#} — {}",
                finding_mark(f),
                words.finding_kind(f),
                words.line(f)
            );
            if f.severity <= Severity::Warning {
                let _ = writeln!(
                    out,
                    "     {dim}{}{dim:#} {}",
                    words.loc.msg("label-why", &[]),
                    words.why(f)
                );
                let _ = writeln!(
                    out,
                    "     {bold}{}{bold:#} {}",
                    words.loc.msg("label-fix", &[]),
                    words.fix(f)
                );
            }
        }
    }
    if details {
        details_of(&mut out, d, words, bold);
    }
    let _ = writeln!(out, "\n{bold}{}{bold:#}", words.summary(d));
    out
}

/// Every lookup, the CDN's records, the SPF tree, DNSSEC and the
/// connection tests, for `--details`.
fn details_of(out: &mut String, d: &Diagnosis, words: &Words, bold: Style) {
    let ev = &d.evidence;
    let _ = writeln!(
        out,
        "\n{bold}{}{bold:#}",
        words.loc.msg("label-lookups", &[])
    );
    for line in lookup_lines(&ev.lookups, words.loc) {
        let _ = writeln!(out, "   {line}");
    }
    if let Some(Ok(zone)) = &ev.cdn {
        let _ = writeln!(
            out,
            "\n{bold}{}{bold:#}",
            words.msg("label-cdn-records", &[("zone", &clean(&zone.name))])
        );
        for r in &zone.records {
            let [name, kind, content, status] = cdn_record_cells(words, r);
            let _ = writeln!(out, "   {kind:<5} {name} {content} · {status}");
        }
    }
    spf(out, d, words, bold);
    dnssec(out, d, words, bold);
    if let Some(first) = ev.probes.first() {
        let _ = writeln!(
            out,
            "\n{bold}{}{bold:#}",
            words
                .loc
                .msg("label-probes", &[("port", first.port.to_string().into())])
        );
    }
    for c in ev.probes.iter().map(|p| ProbeCells::of(p, words.loc)) {
        let tls = c
            .tls
            .as_ref()
            .map(|(_, facts)| format!(" · {facts}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "   {}:{} ({}) {} {}{tls} · {} ms",
            c.address,
            c.port,
            c.host,
            c.status,
            c.text.as_deref().unwrap_or_default(),
            c.ms
        );
    }
}

/// The SPF record's tree, as receivers evaluate it.
fn spf(out: &mut String, d: &Diagnosis, words: &Words, bold: Style) {
    let Some(spf) = &d.spf else {
        return;
    };
    let title = super::spf::title(spf, words.loc);
    let _ = writeln!(out, "\n{bold}{title}{bold:#}");
    for line in super::spf::tree_lines(&spf.tree, words.loc) {
        let _ = writeln!(out, "   {line}");
    }
}

/// Each answer used as a validating resolver judges it, and the TLSA
/// records with what they matched.
fn dnssec(out: &mut String, d: &Diagnosis, words: &Words, bold: Style) {
    if let Some((title, lines)) = super::dnssec::lines(d, words.loc) {
        let _ = writeln!(out, "\n{bold}{title}{bold:#}");
        for line in lines {
            let _ = writeln!(out, "   {line}");
        }
    }
}

/// The lookups in aligned columns, as dig's answer section reads: type,
/// name, status, TTL, time, then the answers and the server asked. An
/// empty answer says nothing more than its status.
pub fn lookup_lines(lookups: &[Lookup], loc: &Localizer) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let cells: Vec<LookupCells> = lookups.iter().map(|l| LookupCells::of(l, loc)).collect();
    let widest = |f: &dyn Fn(&LookupCells) -> usize| cells.iter().map(f).max().unwrap_or(0);
    let name_w = widest(&|c| c.name.width());
    let status_w = widest(&|c| c.status.width());
    let pad =
        |text: &str, w: usize| format!("{text}{}", " ".repeat(w.saturating_sub(text.width())));
    cells
        .iter()
        .map(|c| {
            let answers = c.answers_joined(" | ");
            let answers = if answers.is_empty() || answers == "-" {
                String::new()
            } else {
                format!("{answers}  ")
            };
            format!(
                "{:<5} {} {} {:>6} {:>5} ms  {answers}{}",
                c.qtype,
                pad(&c.name, name_w),
                pad(&c.status, status_w),
                c.ttl_or_dash(),
                c.ms,
                c.server
            )
        })
        .collect()
}
