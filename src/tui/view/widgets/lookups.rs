//! The lookups and probes of one step, as they start and finish.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::gather::Task;
use crate::judge::Shelves;
use crate::model::evidence::Status;
use crate::model::finding::Step;
use crate::model::sanitize::clean;
use crate::present::cells::{LookupCells, ProbeCells};
use crate::tui::state::{App, TaskResult};
use crate::tui::theme::{Theme, spinner_frame};
use crate::tui::view::chrome::titled;
use crate::tui::view::fit::cells;
use crate::tui::view::fit::{Column, Scrolled, boxed, row_line, widths};

pub(crate) struct LookupTable<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub step: Step,
}

impl LookupTable<'_> {
    /// Rows plus borders: what the table would fill.
    pub(crate) fn height(&self) -> u16 {
        let shelves = shelves(self.app);
        let rows = self
            .app
            .live
            .iter()
            .filter(|t| shelves.shows(self.step, &t.task))
            .count();
        cells(rows).saturating_add(2)
    }
}

impl Widget for LookupTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = task_rows(self.app, self.step, self.theme);
        let room = usize::from(area.width.saturating_sub(3));
        let widths = column_widths(&rows, room);
        let lines = rows.into_iter().map(|r| row_line(r, &widths)).collect();
        boxed(
            self.app,
            lines,
            titled(self.app, self.theme, "wiz-lookups"),
            Scrolled::Fixed,
            area,
            buf,
        );
    }
}

/// Mark, type, name, answer, TTL, time, server. The server goes first
/// when room is short, then the answers and the names give way, each
/// ending in "…" when cut.
fn column_widths(rows: &[Vec<(String, Style)>], room: usize) -> Vec<Option<usize>> {
    let caps = [1, 5, 40, 60, 7, 7, 40];
    let columns: Vec<Column> = caps
        .iter()
        .enumerate()
        .map(|(i, &cap)| {
            let texts = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|(t, _)| t.as_str());
            // Only the server may be left out.
            Column::measured(texts, cap, i == 6)
        })
        .collect();
    widths(&columns, &[(3, 24), (2, 14), (3, 8), (2, 6)], room)
}

/// Where the judge shows each lookup, from the answers in so far.
fn shelves(app: &App) -> Shelves {
    let apex = app.target.as_ref().map_or("", |t| t.ascii.as_str());
    Shelves::of(apex, app.seen_lookups())
}

fn task_rows(app: &App, step: Step, theme: Theme) -> Vec<Vec<(String, Style)>> {
    let spin = spinner_frame(app.spinner);
    let shelves = shelves(app);
    app.live
        .iter()
        .filter(|t| shelves.shows(step, &t.task))
        .map(|live| {
            let (mark, mark_style, kind, name, answer, ttl, ms, server) =
                match (&live.task, &live.result) {
                    (Task::Lookup { name, qtype, .. }, None) => (
                        spin.to_string(),
                        theme.dim(),
                        qtype.to_string(),
                        clean(name),
                        "…".to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ),
                    (
                        Task::Probe {
                            host,
                            address,
                            port,
                        },
                        None,
                    ) => (
                        spin.to_string(),
                        theme.dim(),
                        "SMTP".into(),
                        host.raw(),
                        format!("{address}:{port} …"),
                        String::new(),
                        String::new(),
                        String::new(),
                    ),
                    (_, Some(TaskResult::Lookup(l))) => {
                        let (mark, style) = match l.status {
                            Status::Ok => ("✓", theme.good()),
                            s if s.is_failure() => ("✗", theme.bad()),
                            _ => ("·", theme.dim()),
                        };
                        let c = LookupCells::of(l, &app.loc);
                        let answer = if l.status == Status::Ok {
                            c.answers.join(", ")
                        } else {
                            c.status.clone()
                        };
                        (
                            mark.to_string(),
                            style,
                            c.qtype,
                            c.name,
                            answer,
                            c.ttl.map_or(String::new(), |t| format!("{t}s")),
                            format!("{}ms", c.ms),
                            c.server,
                        )
                    }
                    (_, Some(TaskResult::Probe(p))) => {
                        let c = ProbeCells::of(p, &app.loc);
                        let text = c.text.clone().unwrap_or_else(|| c.status.clone());
                        (
                            if c.greeted { "✓" } else { "✗" }.to_string(),
                            if c.greeted { theme.good() } else { theme.bad() },
                            "SMTP".into(),
                            c.host,
                            format!("{}:{} {}", c.address, c.port, text),
                            String::new(),
                            format!("{}ms", c.ms),
                            String::new(),
                        )
                    }
                };
            let plain = Style::new();
            vec![
                (mark, mark_style),
                (kind, plain),
                (name, plain),
                (answer, plain),
                (ttl, plain),
                (ms, plain),
                (server, theme.dim()),
            ]
        })
        .collect()
}
