//! Every key, in the chosen language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{clear, t};
use crate::tui::app::App;
use crate::tui::theme::Theme;

const KEYS: &[(&str, &str)] = &[
    ("Enter, →", "help-key-next"),
    ("←", "help-key-back"),
    ("Tab", "help-key-tab"),
    ("↑ ↓ PgUp PgDn", "help-key-scroll"),
    ("r", "help-key-recheck"),
    ("w", "help-key-watch"),
    ("l", "help-key-lang"),
    ("d", "help-key-details"),
    ("e", "help-key-export"),
    ("y n u", "help-key-answer"),
    ("?", "help-key-help"),
    ("q, Esc, Ctrl-C", "help-key-quit"),
];

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    clear(frame, area);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(keys, id)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<15}"), theme.key()),
                Span::raw(t(app, id)),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
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
