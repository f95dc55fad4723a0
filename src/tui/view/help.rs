//! Every key, in the chosen language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use unicode_width::UnicodeWidthStr;

use super::chrome::{clear, overlay, t};
use super::fit::wrap;
use crate::tui::keys;
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// `true` when the keys run past the box.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) -> bool {
    clear(frame, area);
    let width = area.width.saturating_sub(2);
    // The keys of the screen under the help come first.
    let entries: Vec<(bool, String, &str)> = keys::help(app.screen_context(), |a| app.offers(a))
        .into_iter()
        .map(|(here, keys, id)| (here, keys::label(&app.loc, keys), id))
        .collect();
    let column = entries.iter().map(|(_, k, _)| k.width()).max().unwrap_or(0) + 1;
    let mut lines: Vec<Line> = vec![Line::styled(
        format!(" {}", t(app, "wiz-help-here")),
        theme.bold(),
    )];
    let mut elsewhere = false;
    for (here, keys, id) in entries {
        if !here && !elsewhere {
            elsewhere = true;
            lines.push(Line::default());
            lines.push(Line::styled(
                format!(" {}", t(app, "wiz-help-elsewhere")),
                theme.bold(),
            ));
        }
        let head = format!(" {keys}{}", " ".repeat(column - keys.width()));
        lines.extend(wrap(
            &head,
            theme.key(),
            &t(app, id),
            Style::new(),
            width,
            &" ".repeat(column + 1),
        ));
    }
    overlay(frame, app, theme, &t(app, "wiz-help-title"), lines, area)
}
