//! Many domains: one row each, the marks of its four steps and the worst
//! finding, filled in as each diagnosis ends; a marker beside the chosen
//! row, the counts per state above, the filter and the skipped lines
//! below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::chrome::{t, titled};
use super::fit::{fit_line, wrap};
use crate::present::cells::state_mark;
use crate::tui::list::{Checked, DomainList};
use crate::tui::state::{App, BarState};
use crate::tui::theme::{Theme, spinner_frame};

/// The chosen row's marker: seen without colour.
const MARKER: &str = "▶";

/// The counts per state, on the line the step bar takes elsewhere.
pub(super) fn counts(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(list) = &app.list else {
        return;
    };
    let c = list.counts();
    let mut spans = vec![Span::raw(" ")];
    let parts = [
        ("✗", c.errors, "wiz-count-errors", theme.bad()),
        ("!", c.warnings, "wiz-count-warnings", theme.warn()),
        ("?", c.unsure, "wiz-count-unsure", theme.warn()),
        ("✓", c.clear, "wiz-count-clear", theme.good()),
        (
            spinner_frame(app.spinner),
            c.pending,
            "wiz-count-pending",
            theme.dim(),
        ),
    ];
    for (mark, n, id, style) in parts {
        if n == 0 {
            continue;
        }
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(format!("{mark} "), style));
        spans.push(Span::raw(
            app.loc.msg(id, &[("count", n.to_string().into())]),
        ));
    }
    let line = fit_line(Line::from(spans), usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(list) = &app.list else {
        return;
    };
    // Filtered and sorted once a draw: hundreds of thousands of rows.
    let order = list.order();
    let below = below_lines(app, list, order.len(), theme, area.width);
    let [table_area, below_area] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(super::fit::cells(below.len()).min(area.height / 3)),
    ])
    .areas(area);
    // Five marks and six gaps, then the name and the finding, 2:1; each
    // text cut to its column with "…".
    let rest = usize::from(table_area.width.saturating_sub(2 + 11));
    let (name_width, found_width) = (rest * 2 / 3, rest - rest * 2 / 3);
    let cut = |text: String, width: usize| super::fit::fit(&text, width.saturating_sub(1));
    // Keep the selected row in sight: border, header, and the rows.
    let visible = usize::from(table_area.height.saturating_sub(3)).max(1);
    let first = list.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = order
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .filter_map(|(position, index)| {
            let target = list.target(*index)?;
            let chosen = position == list.selected;
            let mut cells = vec![Cell::from(if chosen { MARKER } else { " " }).style(theme.key())];
            cells.extend(marks(app, theme, list.row(*index)));
            cells.push(Cell::from(cut(target.display(), name_width)));
            cells.push(Cell::from(cut(
                worst_label(app, list.row(*index)),
                found_width,
            )));
            let style = if chosen {
                theme.focused()
            } else {
                Style::new()
            };
            Some(Row::new(cells).style(style))
        })
        .collect();
    let header = Row::new(
        [" ", "1", "2", "3", "4"]
            .map(String::from)
            .into_iter()
            .chain([
                cut(t(app, "col-domain"), name_width),
                cut(t(app, "col-found"), found_width),
            ]),
    )
    .style(theme.bold());
    let hidden_below = order.len().saturating_sub(first + visible);
    let mut bottom = app.loc.msg(
        if list.worst_first {
            "wiz-list-title-sorted"
        } else {
            "wiz-list-title"
        },
        &[
            ("count", list.len().to_string().into()),
            ("done", list.checked().to_string().into()),
        ],
    );
    if hidden_below > 0 {
        bottom = format!(
            "{} · {bottom}",
            app.loc
                .msg("wiz-more", &[("count", hidden_below.to_string().into())])
        );
    }
    if first > 0 {
        bottom = format!("▲ {bottom}");
    }
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(super::fit::cells(name_width)),
            Constraint::Length(super::fit::cells(found_width)),
        ],
    )
    .header(header)
    .column_spacing(1)
    .block(titled(app, theme, "wiz-list").title_bottom(
        Line::from(format!(" {} ", fit_bottom(&bottom, table_area.width))).right_aligned(),
    ));
    frame.render_widget(table, table_area);
    frame.render_widget(Paragraph::new(below), below_area);
}

/// A bottom title that leaves the corners.
fn fit_bottom(text: &str, width: u16) -> String {
    super::fit::fit(text, usize::from(width.saturating_sub(4)))
}

/// The four steps' marks, or a spinner while the domain is checked.
fn marks(app: &App, theme: Theme, row: Option<&Checked>) -> Vec<Cell<'static>> {
    match row {
        Some(row) => row
            .states
            .iter()
            .map(|s| Cell::from(state_mark(*s)).style(theme.step(BarState::Judged(*s))))
            .collect(),
        None => (0..4)
            .map(|_| Cell::from(spinner_frame(app.spinner)).style(theme.step(BarState::Running)))
            .collect(),
    }
}

/// The filter being typed or in force, and the input lines skipped.
fn below_lines(
    app: &App,
    list: &DomainList,
    shown: usize,
    theme: Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = vec![];
    if list.typing || !list.filter.is_empty() {
        let cursor = if list.typing { "▏" } else { "" };
        let shown = shown.to_string();
        let text = app.loc.msg(
            "wiz-filter",
            &[
                ("filter", format!("{}{cursor}", list.filter).into()),
                ("shown", shown.into()),
            ],
        );
        lines.push(fit_line(
            Line::from(vec![
                Span::styled(" / ", theme.key()),
                Span::styled(text, theme.bold()),
            ]),
            usize::from(width),
        ));
    }
    if list.skipped_count > 0 {
        let head = app.loc.msg(
            "wiz-skipped",
            &[("count", list.skipped_count.to_string().into())],
        );
        lines.extend(wrap(" ", theme.warn(), &head, theme.warn(), width, " "));
        for said in list.skipped.iter().take(2) {
            lines.push(fit_line(
                Line::styled(format!("   {said}"), theme.dim()),
                usize::from(width),
            ));
        }
    }
    lines
}

/// The worst finding's code, or the worst state in words while there is
/// none to name.
fn worst_label(app: &App, row: Option<&Checked>) -> String {
    let Some(row) = row else {
        return t(app, "wiz-state-running");
    };
    match row.codes.first() {
        Some(code) => code.id().to_string(),
        None => t(app, "wiz-list-none"),
    }
}
