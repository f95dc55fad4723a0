//! A step's findings, each with why and what to do, and what the step could
//! not check.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::{Code, Severity, Step};
use crate::present::cells::{finding_colour, finding_mark, severity_mark};
use crate::present::{Words, findings_of, spf, unanswered_of};
use crate::tui::state::{App, BarState, Focus};
use crate::tui::theme::{Theme, step_mark};
use crate::tui::view::chrome::{t, titled};
use crate::tui::view::fit::wrap;
use crate::tui::view::fit::{Scrolled, boxed};

pub(crate) struct FindingsList<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub step: Step,
}

impl FindingsList<'_> {
    /// `true` when the findings run past the box (↑↓ scroll them).
    pub(crate) fn render(self, area: Rect, buf: &mut Buffer) -> bool {
        let (app, theme) = (self.app, self.theme);
        let inner = area.width.saturating_sub(2);
        let border = if app.focus == Focus::Findings {
            theme.key()
        } else {
            theme.dim()
        };
        boxed(
            app,
            finding_lines(app, theme, self.step, inner),
            titled(app, theme, "wiz-findings").border_style(border),
            Scrolled::Main,
            area,
            buf,
        )
    }
}

fn finding_lines(app: &App, theme: Theme, step: Step, width: u16) -> Vec<Line<'static>> {
    let Some(d) = &app.diagnosis else {
        let id = if app.is_running() {
            "wiz-waiting"
        } else {
            "wiz-state-waiting"
        };
        return vec![Line::styled(t(app, id), theme.dim())];
    };
    let words = Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let findings = findings_of(d, step);
    let mut out = vec![];
    // What the step could not ask comes first: it qualifies the rest.
    if let Some(report) = d.step(step) {
        for u in unanswered_of(d, report) {
            out.extend(wrap(
                "? ",
                theme.warn(),
                &words.unanswered(u),
                Style::new(),
                width,
                "  ",
            ));
        }
        if findings.is_empty() && report.unanswered.is_empty() {
            let state = BarState::Judged(report.state);
            let mark = format!("{} ", step_mark(state, 0));
            out.extend(wrap(
                &mark,
                theme.step(state),
                &words.step_state(report.state),
                theme.dim(),
                width,
                "  ",
            ));
        }
    }
    let ok_from = findings
        .iter()
        .position(|f| f.severity == Severity::Ok)
        .unwrap_or(findings.len());
    for (i, f) in findings.iter().enumerate() {
        // The record's own verdict sits between what is wrong and what passed.
        if i == ok_from {
            spf_line(&mut out, d, theme, step, &words, width);
        }
        let style = theme.severity(finding_colour(f));
        let mark = format!("{} ", finding_mark(f));
        out.extend(wrap(&mark, style, &words.line(f), style, width, "  "));
        // The exposure question's "why" matters until it is answered "no".
        if f.severity <= Severity::Warning
            || (f.code == Code::OriginExposure && f.severity != Severity::Ok)
        {
            let why = format!("  {} ", t(app, "label-why"));
            out.extend(wrap(
                &why,
                theme.dim(),
                &words.why(f),
                Style::new(),
                width,
                "  ",
            ));
            let fix = format!("  {} ", t(app, "label-fix"));
            out.extend(wrap(
                &fix,
                theme.bold(),
                &words.fix(f),
                Style::new(),
                width,
                "  ",
            ));
        }
    }
    if ok_from == findings.len() {
        spf_line(&mut out, d, theme, step, &words, width);
    }
    out
}

/// Step 1's own line for an SPF record that receivers evaluate without
/// error; a record in error already has its finding.
fn spf_line(
    out: &mut Vec<Line<'static>>,
    d: &Diagnosis,
    theme: Theme,
    step: Step,
    words: &Words,
    width: u16,
) {
    if step != Step::Records {
        return;
    }
    let Some(line) = d.spf.as_ref().and_then(|e| spf::verdict(e, words.loc)) else {
        return;
    };
    let mark = format!("{} ", severity_mark(Severity::Ok));
    let style = theme.severity(Severity::Ok);
    out.extend(wrap(&mark, style, &line, style, width, "  "));
}
