//! Many domains: one row each, the marks of its four steps, filled in as
//! each diagnosis ends.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table};

use super::chrome::{t, titled};
use crate::judge::StepState;
use crate::present::cells::state_mark;
use crate::tui::list::worst;
use crate::tui::state::{App, BarState};
use crate::tui::theme::{Theme, spinner_frame};

pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(list) = &app.list else {
        return;
    };
    let order = list.order();
    // Keep the selected row in sight.
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    let first = list.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = order
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .filter_map(|(position, index)| {
            let target = list.target(*index)?;
            let states = list.states_of(*index);
            let mut cells_out = vec![];
            match states {
                Some(states) => {
                    for s in states {
                        let state = BarState::Judged(*s);
                        cells_out.push(Cell::from(state_mark(*s)).style(theme.step(state)));
                    }
                }
                None => {
                    for _ in 0..4 {
                        cells_out.push(
                            Cell::from(spinner_frame(app.spinner))
                                .style(theme.step(BarState::Running)),
                        );
                    }
                }
            }
            cells_out.push(Cell::from(target.display()));
            cells_out.push(Cell::from(worst_label(app, states)));
            let style = if position == list.selected {
                theme.focused()
            } else {
                ratatui::style::Style::new()
            };
            Some(Row::new(cells_out).style(style))
        })
        .collect();
    let header = Row::new(
        ["1", "2", "3", "4"]
            .map(String::from)
            .into_iter()
            .chain([t(app, "col-domain"), t(app, "col-state")]),
    )
    .style(theme.bold());
    let title_id = if list.worst_first {
        "wiz-list-title-sorted"
    } else {
        "wiz-list-title"
    };
    let title = app.loc.msg(
        title_id,
        &[
            ("count", list.len().to_string().into()),
            ("done", list.checked().to_string().into()),
        ],
    );
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            // The longest state, in either language, in full.
            Constraint::Length(26),
        ],
    )
    .header(header)
    .column_spacing(1)
    .block(titled(app, theme, "wiz-list").title_bottom(format!(" {title} ")));
    frame.render_widget(table, area);
}

/// The worst of the checking steps, in words.
fn worst_label(app: &App, states: Option<&[StepState]>) -> String {
    let Some(states) = states else {
        return t(app, "wiz-state-running");
    };
    crate::present::Words {
        loc: &app.loc,
        brand: &app.brand,
    }
    .step_state(worst(states))
}
