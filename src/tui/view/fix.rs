//! The fix dialog: the exact changes and what they make public, then a yes
//! or no; each change as it went, with its undo; then the watch.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::chrome::{clear, overlay, t};
use super::fit::wrap;
use super::step::watch_text;
use crate::present::{Words, fix};
use crate::tui::state::{App, FixStage};
use crate::tui::theme::Theme;

/// `true` when the dialog runs past its box.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) -> bool {
    clear(frame, area);
    let width = area.width.saturating_sub(2);
    let words = Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let domain = app
        .target
        .as_ref()
        .map(|t| t.ascii.clone())
        .unwrap_or_default();
    // A paragraph's lines start where it does; a list item's continue
    // under its text, past the dash.
    let text = |s: &str, style: Style| {
        let body = s.trim_start();
        let lead = s.len() - body.len();
        let item = if body.starts_with(['-', '•']) { 2 } else { 0 };
        let indent = " ".repeat(1 + lead + item);
        wrap(" ", style, s, style, width, &indent)
    };
    let mut lines: Vec<Line> = vec![];
    match &app.fix {
        None => {}
        Some(FixStage::Plan(plan)) => {
            for l in fix::plan_text(&words, plan, &domain).lines() {
                lines.extend(text(l, Style::new()));
            }
            if !plan.changes.is_empty() {
                lines.push(Line::default());
                lines.extend(text(&t(app, "wiz-fix-confirm"), theme.bold()));
            }
        }
        Some(FixStage::Planning) => lines.extend(text(&t(app, "wiz-fix-planning"), theme.key())),
        Some(FixStage::Applying(_)) => {
            lines.extend(text(&t(app, "wiz-fix-applying"), theme.key()));
            if app.quit {
                lines.extend(text(&t(app, "wiz-fix-quit-wait"), theme.key()));
            }
        }
        Some(FixStage::Done(plan, applied)) => {
            for a in applied {
                let style = if a.outcome.is_ok() {
                    theme.good()
                } else {
                    theme.bad()
                };
                for (i, l) in fix::applied_lines(&words, &plan.zone_id, a, &domain)
                    .lines()
                    .enumerate()
                {
                    lines.extend(text(l, if i == 0 { style } else { theme.dim() }));
                }
            }
            if let Some((s, good)) = watch_text(app, std::time::Instant::now()) {
                lines.push(Line::default());
                lines.extend(text(&s, if good { theme.good() } else { theme.key() }));
            }
        }
    }
    let title = app
        .loc
        .msg("wiz-fix-title", &[("brand", app.brand.name.clone().into())]);
    overlay(frame, app, theme, &title, lines, area)
}
