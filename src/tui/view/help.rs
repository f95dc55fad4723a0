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
    let entries: Vec<(String, &str)> = keys::help()
        .map(|(keys, id)| (keys::label(&app.loc, keys), id))
        .collect();
    let column = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 1;
    let lines: Vec<Line> = entries
        .into_iter()
        .flat_map(|(keys, id)| {
            let head = format!(" {keys}{}", " ".repeat(column - keys.width()));
            wrap(
                &head,
                theme.key(),
                &t(app, id),
                Style::new(),
                width,
                &" ".repeat(column + 1),
            )
        })
        .collect();
    overlay(frame, app, theme, &t(app, "wiz-help-title"), lines, area)
}
