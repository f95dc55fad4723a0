//! Every raw lookup and probe, for support staff.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{clear, lookups, probes, t};
use crate::model::sanitize::clean;
use crate::tui::state::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    clear(frame, area);
    let header = Row::new(
        [
            "col-type",
            "col-name",
            "col-status",
            "col-answers",
            "col-ttl",
            "col-ms",
            "col-server",
        ]
        .map(|id| t(app, id)),
    )
    .style(theme.bold());
    let mut rows: Vec<Row> = lookups(app)
        .into_iter()
        .map(|l| {
            Row::new(vec![
                l.qtype.to_string(),
                clean(&l.name),
                l.status.as_str().to_string(),
                l.answers().join(" | "),
                l.ttl().map_or("-".into(), |t| t.to_string()),
                l.elapsed_ms.to_string(),
                l.server_label(),
            ])
        })
        .collect();
    rows.extend(probes(app).into_iter().map(|p| {
        Row::new(vec![
            "SMTP".to_string(),
            clean(&p.host.raw()),
            p.outcome.status().to_string(),
            format!(
                "{}:{} {}",
                p.address,
                p.port,
                p.outcome.text().unwrap_or_default()
            ),
            "-".into(),
            p.elapsed_ms.to_string(),
            "-".into(),
        ])
    }));
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(24),
            Constraint::Length(9),
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(21),
        ],
    )
    .header(header)
    .column_spacing(1)
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.key())
            .title(Span::styled(
                format!(" {} ", t(app, "wiz-details-title")),
                theme.bold(),
            )),
    );
    frame.render_widget(table, area);
}
