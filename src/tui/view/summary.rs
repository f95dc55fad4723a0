//! The last screen: each step's state, the verdict, and the report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::chrome::{state_label, step_number};
use super::step::status_line;
use super::{t, wrap};
use crate::model::finding::{Code, Severity, Step};
use crate::present::Words;
use crate::tui::state::App;
use crate::tui::theme::{Theme, step_mark};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(area);
    let domain = app
        .target
        .as_ref()
        .map_or(String::new(), crate::model::target::Target::display);
    let mut lines = vec![
        Line::styled(
            format!(
                " {}",
                app.loc
                    .msg("wiz-summary-title", &[("domain", domain.into())])
            ),
            theme.title(),
        ),
        Line::raw(""),
    ];
    let width = body.width;
    for step in Step::ALL {
        let state = app.step_state(step);
        let head = format!(" {} ", step_mark(state, app.spinner));
        let text = format!(
            "{}. {} — {}",
            step_number(step),
            t(app, &format!("step-{}", step.id())),
            state_label(app, state)
        );
        lines.extend(wrap(
            &head,
            theme.step(state),
            &text,
            theme.step(state),
            width,
            "    ",
        ));
    }
    lines.push(Line::raw(""));
    if let Some(d) = &app.diagnosis {
        let words = Words {
            loc: &app.loc,
            brand: &app.brand,
        };
        lines.extend(wrap(
            " ",
            theme.bold(),
            &words.summary(d),
            theme.bold(),
            width,
            " ",
        ));
        // The fixes that matter most, in order, so the summary is a to-do
        // list; the same fix (every failed lookup's) is said once.
        let mut fixes: Vec<String> = vec![];
        for f in d.findings.iter().filter(|f| f.severity == Severity::Error) {
            let fix = words.fix(f);
            if !fixes.contains(&fix) {
                // A failed lookup is no problem found: its step is unchecked.
                let (mark, style) = if f.code == Code::LookupFailed {
                    (" ? ", theme.warn())
                } else {
                    (" ✗ ", theme.bad())
                };
                lines.extend(wrap(mark, style, &fix, Style::new(), width, "   "));
                fixes.push(fix);
            }
        }
        lines.push(Line::raw(""));
        lines.extend(wrap(
            " ",
            theme.dim(),
            &t(app, "wiz-summary-next"),
            theme.dim(),
            width,
            " ",
        ));
    } else {
        lines.push(Line::styled(
            format!(" {}", t(app, "wiz-waiting")),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((app.scroll, 0)), body);
    status_line(frame, app, theme, status);
}
