//! The last screen: each step's state, the verdict, and the report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::chrome::t;
use super::chrome::{state_label, step_number};
use super::fit::wrap;
use super::fit::{Scrolled, boxed};
use super::step::{status_height, status_line};
use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::{Code, Finding, Severity, Step};
use crate::present::Words;
use crate::tui::state::App;
use crate::tui::theme::{Theme, step_mark};

/// `true` when the summary runs past its box.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) -> bool {
    let [body, status] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(status_height(app, theme, area.width)),
    ])
    .areas(area);
    let domain = app
        .target
        .as_ref()
        .map_or(String::new(), crate::model::target::Target::display);
    let mut lines = vec![];
    let width = body.width.saturating_sub(2);
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
        lines.extend(to_do(app, theme, d, width));
    } else {
        lines.push(Line::styled(
            format!(" {}", t(app, "wiz-waiting")),
            theme.dim(),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(
            format!(
                " {} ",
                app.loc
                    .msg("wiz-summary-title", &[("domain", domain.into())])
            ),
            theme.title(),
        ));
    let scrolling = boxed(app, lines, block, Scrolled::Main, body, frame.buffer_mut());
    status_line(frame, app, theme, status);
    scrolling
}

/// Pairs of findings where the second's fix includes the first's: a
/// missing MX, and the root it leaves to receive mail behind the proxy.
const COVERED: &[(Code, Code)] = &[(Code::MxMissing, Code::MxApexProxied)];

/// The verdict, then each error and warning with its fix, so the summary
/// is a to-do list; a fix shared by several problems is said once.
fn to_do(app: &App, theme: Theme, d: &Diagnosis, width: u16) -> Vec<Line<'static>> {
    let words = Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let mut lines = wrap(
        " ",
        theme.bold(),
        &words.summary(d),
        theme.bold(),
        width,
        " ",
    );
    let mut fixes: Vec<String> = vec![];
    // Errors first, then warnings; each kind in the steps' order.
    let mut problems: Vec<&Finding> = d
        .findings
        .iter()
        .filter(|f| f.severity <= Severity::Warning && !f.cached)
        .collect();
    problems.sort_by_key(|f| f.severity);
    for (i, f) in problems.iter().enumerate() {
        // A failed lookup is no problem found: its step is unchecked.
        let (mark, style) = match f.severity {
            _ if f.code == Code::LookupFailed => (" ? ", theme.warn()),
            Severity::Error => (" ✗ ", theme.bad()),
            _ => (" ! ", theme.warn()),
        };
        lines.extend(wrap(mark, style, &words.line(f), style, width, "   "));
        // One action per problem: the next finding's fix does this one's.
        let covered = problems
            .get(i + 1)
            .is_some_and(|next| COVERED.contains(&(f.code, next.code)));
        let fix = words.fix(f);
        if !covered && !fixes.contains(&fix) {
            let head = format!("   {} ", t(app, "label-fix"));
            lines.extend(wrap(&head, theme.bold(), &fix, Style::new(), width, "   "));
            fixes.push(fix);
        }
    }
    // Nothing left to change: no word of what to do after a change.
    if problems.is_empty() {
        return lines;
    }
    lines.push(Line::raw(""));
    lines.extend(wrap(
        " ",
        theme.dim(),
        &words.msg("wiz-summary-next", &[]),
        theme.dim(),
        width,
        " ",
    ));
    lines
}
