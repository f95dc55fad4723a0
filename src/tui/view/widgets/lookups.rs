//! The lookups and probes of one step, as they start and finish.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table, Widget};

use crate::gather::Task;
use crate::model::clients::CLIENT_NAMES;
use crate::model::evidence::{Data, QType, Source, Status};
use crate::model::finding::Step;
use crate::model::sanitize::clean;
use crate::present::cells::{LookupCells, ProbeCells};
use crate::tui::state::{App, TaskResult};
use crate::tui::theme::{Theme, spinner_frame};
use crate::tui::view::{cells, lookups, titled};

pub struct LookupTable<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub step: Step,
}

impl LookupTable<'_> {
    /// Rows plus borders: what the table would fill.
    pub fn height(&self) -> u16 {
        let apex = self.app.target.as_ref().map_or("", |t| t.ascii.as_str());
        let hosts = mail_hosts(self.app);
        let rows = self
            .app
            .live
            .iter()
            .filter(|t| belongs(self.step, &t.task, apex, &hosts))
            .count();
        cells(rows).saturating_add(2)
    }
}

impl Widget for LookupTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = task_rows(self.app, self.step, self.theme, area.width);
        Table::new(rows, columns(area.width))
            .block(titled(self.app, self.theme, "wiz-lookups"))
            .column_spacing(1)
            .render(area, buf);
    }
}

/// Wider terminals get the server column.
fn columns(width: u16) -> Vec<Constraint> {
    let mut c = vec![
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(if width >= 100 { 30 } else { 22 }),
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(5),
    ];
    if width >= 100 {
        c.push(Constraint::Length(21));
    }
    c
}

fn belongs(step: Step, task: &Task, apex: &str, mail_hosts: &[String]) -> bool {
    let web = |name: &str| name == apex || name == format!("www.{apex}");
    let mail = |name: &String| mail_hosts.contains(name);
    // The steps show what senders' resolvers answer; the zone's own
    // servers and compared resolvers are in the details (`d`).
    if let Task::Lookup { source, .. } = task
        && *source != Source::Resolver
    {
        return false;
    }
    // The names mail programs use are in the details: most do not exist,
    // and a proxied one is a finding of its own.
    if let Task::Lookup { name, qtype, .. } = task {
        let client = CLIENT_NAMES
            .iter()
            .any(|(label, _)| *name == format!("{label}.{apex}"));
        // MTA-STS and TLS reporting too: their findings say what matters.
        let policy = name.starts_with("_mta-sts.")
            || name.starts_with("_smtp._tls.")
            || *name == format!("mta-sts.{apex}");
        if *qtype == QType::SRV || (client && !mail(name)) || policy {
            return false;
        }
    }
    match (step, task) {
        (Step::Records, Task::Lookup { qtype, name, .. }) => match qtype {
            QType::A | QType::AAAA => mail(name) || !web(name),
            QType::NS => false,
            _ => true,
        },
        // The mail hosts' addresses; the web's belong to the practices step.
        (Step::Proxy, Task::Lookup { qtype, name, .. }) => {
            matches!(qtype, QType::A | QType::AAAA) && mail(name)
        }
        (Step::Proxy, Task::Probe { .. }) => true,
        (Step::Practices, Task::Lookup { qtype, .. }) => {
            matches!(qtype, QType::A | QType::AAAA | QType::NS)
        }
        (Step::Provider, Task::Lookup { qtype, .. }) => *qtype == QType::MX,
        _ => false,
    }
}

/// The names the MX records point at, once the MX answer is in.
fn mail_hosts(app: &App) -> Vec<String> {
    lookups(app)
        .iter()
        .filter(|l| l.qtype == QType::MX)
        .flat_map(|l| &l.records)
        .filter_map(|r| match &r.data {
            Data::Mx { exchange, .. } => Some(exchange.raw()),
            _ => None,
        })
        .collect()
}

fn task_rows<'a>(app: &App, step: Step, theme: &Theme, width: u16) -> Vec<Row<'a>> {
    let apex = app.target.as_ref().map_or("", |t| t.ascii.as_str());
    let spin = spinner_frame(app.spinner);
    let hosts = mail_hosts(app);
    app.live
        .iter()
        .filter(|t| belongs(step, &t.task, apex, &hosts))
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
                        let c = LookupCells::of(l);
                        let answer = if l.status == Status::Ok {
                            c.answers.join(", ")
                        } else {
                            c.status.to_string()
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
                        let c = ProbeCells::of(p);
                        let text = c.text.clone().unwrap_or_else(|| c.status.to_string());
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
            let mut cells = vec![
                Cell::from(mark).style(mark_style),
                Cell::from(kind),
                Cell::from(name),
                Cell::from(answer),
                Cell::from(ttl),
                Cell::from(ms),
            ];
            if width >= 100 {
                cells.push(Cell::from(server).style(theme.dim()));
            }
            Row::new(cells)
        })
        .collect()
}
