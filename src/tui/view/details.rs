//! Every raw lookup and probe, for support staff.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{clear, lookups, probes, t};
use crate::present::cells::{LookupCells, ProbeCells};
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
            let c = LookupCells::of(l);
            let answers = c.answers.join(" | ");
            let ttl = c.ttl_or_dash();
            Row::new(vec![
                c.qtype,
                c.name,
                c.status.to_string(),
                answers,
                ttl,
                c.ms.to_string(),
                c.server,
            ])
        })
        .collect();
    rows.extend(probes(app).into_iter().flat_map(|p| {
        let c = ProbeCells::of(p);
        // STARTTLS on a row of its own: the certificate's names, dates
        // and issuer need the room.
        let tls = c.tls.clone().map(|(ok, facts)| {
            Row::new(vec![
                "TLS".to_string(),
                c.host.clone(),
                if ok { "ok" } else { "failed" }.to_string(),
                facts,
                "-".into(),
                "-".into(),
                "-".into(),
            ])
        });
        std::iter::once(Row::new(vec![
            "SMTP".to_string(),
            c.host,
            c.status.to_string(),
            format!("{}:{} {}", c.address, c.port, c.text.unwrap_or_default()),
            "-".into(),
            c.ms.to_string(),
            "-".into(),
        ]))
        .chain(tls)
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
