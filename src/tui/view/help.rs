//! Every key, in the chosen language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, t, wrap};
use crate::tui::keys;
use crate::tui::state::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    clear(frame, area);
    let width = area.width.saturating_sub(2);
    let lines: Vec<Line> = keys::help()
        .flat_map(|(keys, id)| {
            let head = format!(" {keys:<15}");
            wrap(
                &head,
                theme.key(),
                &t(app, id),
                Style::new(),
                width,
                &" ".repeat(16),
            )
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.key())
                .title(Span::styled(
                    format!(" {} ", t(app, "wiz-help-title")),
                    theme.bold(),
                )),
        ),
        area,
    );
}
