//! Every lookup and probe, for support staff, and the SPF record's tree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::chrome::{clear, overlay_under, t};
use super::fit::{Column, fit, row_line, widths};
use crate::present::cells::{LookupCells, ProbeCells};
use crate::present::spf::{title, tree_lines};
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// `true` when the rows run past the box.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) -> bool {
    clear(frame, area);
    // Below 100 columns, statuses in their short form: never cut.
    let rows = rows(app, area.width < 100);
    let header = [
        "col-type",
        "col-name",
        "col-status",
        "col-answers",
        "col-ttl",
        "col-ms",
        "col-server",
    ]
    .map(|id| t(app, id));
    let room = usize::from(area.width.saturating_sub(3));
    let widths = column_widths(&header, &rows, room);
    let line = |cells: [String; 7], style: Style| {
        row_line(cells.into_iter().map(|c| (c, style)).collect(), &widths)
    };
    // The column names stay while the rows scroll under them.
    let sticky = vec![line(header, theme.bold())];
    let mut lines: Vec<Line> = rows.into_iter().map(|r| line(r, Style::new())).collect();
    // Once judged: the SPF record as receivers evaluate it, each record
    // and term on a line, cut to the box.
    if let Some(spf) = app.diagnosis.as_ref().and_then(|d| d.spf.as_ref()) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(fit(&title(spf, &app.loc), room), theme.bold()));
        lines.extend(
            tree_lines(&spf.tree, &app.loc)
                .into_iter()
                .map(|l| Line::raw(fit(&l, room))),
        );
    }
    if let Some((title, section)) = app
        .diagnosis
        .as_ref()
        .and_then(|d| crate::present::dnssec::lines(d, &app.loc))
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled(fit(&title, room), theme.bold()));
        lines.extend(section.iter().map(|l| Line::raw(fit(l, room))));
    }
    overlay_under(
        frame,
        app,
        theme,
        &t(app, "wiz-details-title"),
        sticky,
        lines,
        area,
    )
}

/// Every lookup, then each probe and its STARTTLS, as the table's cells.
fn rows(app: &App, short: bool) -> Vec<[String; 7]> {
    let dash = || "-".to_string();
    let mut rows: Vec<[String; 7]> = app
        .seen_lookups()
        .into_iter()
        .map(|l| {
            let mut c = LookupCells::of(l, &app.loc);
            if short {
                c.status = app.loc.msg(
                    "lookup-status-short",
                    &[("status", l.status.as_str().into())],
                );
            }
            let answers = c.answers_joined(" | ");
            let ttl = c.ttl_or_dash();
            [
                c.qtype,
                c.name,
                c.status,
                answers,
                ttl,
                c.ms.to_string(),
                c.server,
            ]
        })
        .collect();
    rows.extend(app.seen_probes().into_iter().flat_map(|p| {
        let c = ProbeCells::of(p, &app.loc);
        // STARTTLS on a row of its own: the certificate's names, dates
        // and issuer need the room.
        let tls = c.tls.clone().map(|(ok, facts)| {
            let state = t(app, if ok { "tls-row-ok" } else { "tls-row-failed" });
            [
                "TLS".to_string(),
                c.host.clone(),
                state,
                facts,
                dash(),
                dash(),
                dash(),
            ]
        });
        let result = format!("{}:{} {}", c.address, c.port, c.text.unwrap_or_default());
        std::iter::once([
            "SMTP".to_string(),
            c.host,
            c.status,
            result,
            dash(),
            c.ms.to_string(),
            dash(),
        ])
        .chain(tls)
    }));
    rows
}

/// Below 100 columns the server goes first; then the answers and the
/// names give way, each cut text ending in "…". The status is never cut.
fn column_widths(header: &[String; 7], rows: &[[String; 7]], room: usize) -> Vec<Option<usize>> {
    let caps = [5, 40, 30, 200, 6, 5, 24];
    let columns: Vec<Column> = caps
        .iter()
        .enumerate()
        .map(|(i, &cap)| {
            let texts = rows
                .iter()
                .chain(std::iter::once(header))
                .filter_map(|r| r.get(i))
                .map(String::as_str);
            // Only the server may be left out, and only when narrow.
            Column::measured(texts, cap, i == 6 && room < 97)
        })
        .collect();
    widths(
        &columns,
        &[(3, 26), (1, 20), (6, 15), (3, 10), (1, 12), (6, 9)],
        room,
    )
}
