//! One of the article's four steps: its lookups as they happen, the mail
//! path (proxy step), the findings with why and fix, and what DNS cannot
//! tell (practices step) or whom to contact (provider step).

use std::net::IpAddr;
use std::time::Instant;

use ratatui::Frame;

use crate::judge::{AddressKind, address_kind};

use crate::present::problem_text;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::chrome::step_number;
use super::{cells, lookups, probes, t, wrap};
use crate::gather::Task;
use crate::model::evidence::{Data, HostName, Lookup, QType, Status};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::{Code, Severity, Step};
use crate::model::sanitize::clean;
use crate::present::cells::{LookupCells, ProbeCells, severity_mark};
use crate::present::{Words, findings_of, unanswered_of};
use crate::tui::state::{App, BarState, Focus, TaskResult};
use crate::tui::theme::{Theme, spinner_frame, step_mark};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, step: Step) {
    let rows = task_rows(app, step, theme, area.width);
    let chain = if step == Step::Proxy {
        chain_lines(app, theme)
    } else {
        vec![]
    };
    let chain_height = if chain.is_empty() {
        0
    } else {
        cells(chain.len())
            .saturating_add(2)
            .min(area.height / 4 + 2)
    };
    let extra_height = match step {
        Step::Practices => 5,
        Step::Provider => 4,
        _ => 0,
    };
    // Lookups take what they need, up to half the room; findings the rest.
    let spare = area.height.saturating_sub(3 + chain_height + extra_height);
    // With the mail path drawn, the raw lookups matter less.
    let divisor = if chain.is_empty() { 2 } else { 3 };
    let lookup_height = cells(rows.len())
        .saturating_add(2)
        .clamp(3, (spare / divisor).max(3));
    let [
        title,
        lookup_area,
        chain_area,
        findings_area,
        extra_area,
        status,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(lookup_height),
        Constraint::Length(chain_height),
        Constraint::Min(3),
        Constraint::Length(extra_height),
        Constraint::Length(2),
    ])
    .areas(area);

    let heading = format!(
        " {}. {}",
        step_number(step),
        t(app, &format!("step-{}", step.id()))
    );
    frame.render_widget(Paragraph::new(heading).style(theme.title()), title);

    let widths = columns(area.width);
    let table = Table::new(rows, widths)
        .block(titled(app, theme, "wiz-lookups"))
        .column_spacing(1);
    frame.render_widget(table, lookup_area);

    if !chain.is_empty() {
        frame.render_widget(
            Paragraph::new(chain).block(titled(app, theme, "wiz-chain")),
            chain_area,
        );
    }

    let inner = findings_area.width.saturating_sub(2);
    let findings = Paragraph::new(finding_lines(app, theme, step, inner))
        .scroll((app.scroll, 0))
        .block(
            titled(app, theme, "wiz-findings").border_style(if app.focus == Focus::Findings {
                theme.key()
            } else {
                theme.dim()
            }),
        );
    frame.render_widget(findings, findings_area);

    match step {
        Step::Practices => question(frame, app, theme, extra_area),
        Step::Provider => provider(frame, app, theme, extra_area),
        _ => {}
    }
    status_line(frame, app, theme, status);
}

fn titled<'a>(app: &App, theme: &Theme, id: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(format!(" {} ", t(app, id)), theme.bold()))
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

/// MX → host → address → proxied or DNS only; the broken link in red.
fn chain_lines<'a>(app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let found = lookups(app);
    let Some(mx) = found.iter().find(|l| l.qtype == QType::MX) else {
        return vec![];
    };
    let probes = probes(app);
    let mut out = vec![];
    for r in &mx.records {
        let Data::Mx {
            preference,
            exchange,
        } = &r.data
        else {
            continue;
        };
        let mut spans = vec![
            Span::styled(format!(" MX {preference} "), theme.dim()),
            Span::styled(clean(&exchange.raw()), theme.bold()),
        ];
        let kind = exchange::classify(exchange);
        if !kind.resolvable() {
            spans.push(Span::raw(" → "));
            let label = if kind == ExchangeKind::Null {
                "wiz-chain-null"
            } else {
                "wiz-chain-invalid"
            };
            spans.push(Span::styled(t(app, label), theme.bad()));
            out.push(Line::from(spans));
            continue;
        }
        let addrs = addresses_of(&found, exchange);
        let failed = found
            .iter()
            .any(|l| l.name == exchange.raw() && l.status.is_failure());
        match (addrs, failed) {
            (Some(addrs), _) if !addrs.is_empty() => {
                for (i, addr) in addrs.into_iter().enumerate() {
                    let mut line = if i == 0 {
                        spans.clone()
                    } else {
                        vec![Span::raw(" ".repeat(
                            spans.iter().map(ratatui::prelude::Span::width).sum(),
                        ))]
                    };
                    line.push(Span::raw(" → "));
                    line.push(Span::raw(addr.to_string()));
                    line.push(Span::raw(" "));
                    let (label, style) = address_badge(app, theme, addr, exchange);
                    line.push(Span::styled(label, style));
                    if let Some(p) = probes.iter().find(|p| p.address == addr) {
                        let ok = ProbeCells::of(p).greeted;
                        line.push(Span::raw(" → "));
                        line.push(Span::styled(
                            format!(
                                "{} {}",
                                t(app, "wiz-chain-port"),
                                if ok { "✓" } else { "✗" }
                            ),
                            if ok { theme.good() } else { theme.bad() },
                        ));
                    }
                    out.push(Line::from(line));
                }
            }
            (_, true) => {
                spans.push(Span::raw(" → "));
                spans.push(Span::styled(t(app, "wiz-chain-failed"), theme.bad()));
                out.push(Line::from(spans));
            }
            (Some(_), false) => {
                spans.push(Span::raw(" → "));
                spans.push(Span::styled(t(app, "wiz-chain-no-address"), theme.bad()));
                out.push(Line::from(spans));
            }
            (None, false) => {
                spans.push(Span::styled(" → …", theme.dim()));
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// The host's addresses once both its A and AAAA answers are in.
fn addresses_of(found: &[&Lookup], host: &HostName) -> Option<Vec<IpAddr>> {
    let name = host.raw();
    let mine: Vec<&&Lookup> = found
        .iter()
        .filter(|l| l.name == name && matches!(l.qtype, QType::A | QType::AAAA))
        .collect();
    if mine.is_empty() {
        return None;
    }
    let mut all: Vec<IpAddr> = mine.iter().flat_map(|l| l.addresses()).collect();
    all.sort();
    all.dedup();
    Some(all)
}

/// The judge's view of the address, in words.
fn address_badge(app: &App, theme: &Theme, addr: IpAddr, host: &HostName) -> (String, Style) {
    match address_kind(&app.brand, host, addr) {
        AddressKind::BrandMailService => (t(app, "wiz-chain-brand-service"), theme.good()),
        AddressKind::Proxied => (format!("{} ✗", t(app, "wiz-chain-proxied")), theme.bad()),
        AddressKind::DnsOnly => (format!("{} ✓", t(app, "wiz-chain-dns-only")), theme.good()),
    }
}

fn finding_lines(app: &App, theme: &Theme, step: Step, width: u16) -> Vec<Line<'static>> {
    let Some(d) = &app.diagnosis else {
        let id = if app.running {
            "wiz-waiting"
        } else {
            "wiz-state-waiting"
        };
        return vec![Line::styled(t(app, id), theme.dim())];
    };
    let words = Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let findings = findings_of(d, step);
    let mut out = vec![];
    // What the step could not ask comes first: it qualifies the rest.
    if let Some(report) = d.step(step) {
        for u in unanswered_of(d, report) {
            out.extend(wrap(
                "? ",
                theme.warn(),
                &words.unanswered(u),
                Style::new(),
                width,
                "  ",
            ));
        }
        if findings.is_empty() && report.unanswered.is_empty() {
            let state = BarState::Judged(report.state);
            let mark = format!("{} ", step_mark(state, 0));
            out.extend(wrap(
                &mark,
                theme.step(state),
                &words.step_state(report.state),
                theme.dim(),
                width,
                "  ",
            ));
        }
    }
    for f in findings {
        let style = theme.severity(f.severity);
        let mark = format!("{} ", severity_mark(f.severity));
        out.extend(wrap(&mark, style, &words.line(f), style, width, "  "));
        if f.severity <= Severity::Warning || f.code == Code::OriginExposure {
            let why = format!("  {} ", t(app, "label-why"));
            out.extend(wrap(
                &why,
                theme.dim(),
                &words.why(f),
                Style::new(),
                width,
                "  ",
            ));
            let fix = format!("  {} ", t(app, "label-fix"));
            out.extend(wrap(
                &fix,
                theme.bold(),
                &words.fix(f),
                Style::new(),
                width,
                "  ",
            ));
        }
    }
    out
}

fn question(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let choice = |key: &str, id: &str, value: Option<bool>| {
        let style = if app.same_machine == value {
            theme.focused()
        } else {
            Style::new()
        };
        vec![
            Span::styled(format!("[{key}]"), theme.key()),
            Span::styled(format!(" {} ", t(app, id)), style),
            Span::raw("  "),
        ]
    };
    let mut options = vec![Span::raw(" ")];
    options.extend(choice("y", "wiz-answer-yes", Some(true)));
    options.extend(choice("n", "wiz-answer-no", Some(false)));
    options.extend(choice("u", "wiz-answer-unknown", None));
    let border = if app.focus == Focus::Question {
        theme.key()
    } else {
        theme.dim()
    };
    let width = area.width.saturating_sub(2);
    let mut lines = wrap(
        " ",
        Style::new(),
        &t(app, "wiz-question"),
        Style::new(),
        width,
        " ",
    );
    lines.push(Line::from(options));
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, theme, "wiz-question-title").border_style(border)),
        area,
    );
}

fn provider(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let providers: Vec<String> = app
        .diagnosis
        .iter()
        .flat_map(|d| &d.findings)
        .filter(|f| f.code == Code::ProviderDetected)
        .filter_map(|f| {
            Some(format!(
                "{} — {}",
                f.args.get("provider")?,
                f.args.get("url")?
            ))
        })
        .collect();
    let who = if providers.is_empty() {
        t(app, "wiz-provider-unknown")
    } else {
        providers.join(" · ")
    };
    let width = area.width.saturating_sub(2);
    let mut lines = wrap(" ", theme.bold(), &who, theme.bold(), width, " ");
    lines.extend(wrap(
        " ",
        Style::new(),
        &t(app, "wiz-provider-send"),
        Style::new(),
        width,
        " ",
    ));
    frame.render_widget(
        Paragraph::new(lines).block(titled(app, theme, "wiz-provider-title")),
        area,
    );
}

/// Export result, watch mode, or how long old answers may linger.
pub fn status_line(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let now = Instant::now();
    let (text, style) = if let Some(result) = &app.export {
        match result {
            Ok(path) => (
                app.loc.msg(
                    "wiz-exported",
                    &[("path", clean(&path.display().to_string()).into())],
                ),
                theme.good(),
            ),
            Err(problem) => (problem_text(&app.loc, problem), theme.bad()),
        }
    } else if app.watch_fixed {
        (t(app, "wiz-watch-fixed"), theme.good())
    } else if let Some(next) = app.watch_next {
        let secs = next.saturating_duration_since(now).as_secs().to_string();
        let ttl = app.ttl_left(now).unwrap_or(0).to_string();
        (
            app.loc.msg(
                "wiz-watching",
                &[("secs", secs.into()), ("ttl", ttl.into())],
            ),
            theme.key(),
        )
    } else {
        (String::new(), Style::new())
    };
    frame.render_widget(
        Paragraph::new(wrap(" ", style, &text, style, area.width, " ")),
        area,
    );
}
