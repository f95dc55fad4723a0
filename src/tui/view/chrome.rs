//! Header, step bar and footer: what stays on every screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::fit::{Scrolled, boxed_under};

use crate::model::finding::Step;
use crate::present::Words;
use crate::tui::keys;
use crate::tui::state::{App, BarState, Focus, Screen};
use crate::tui::theme::{Theme, step_mark};

pub(super) fn header(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    // The list screen names the list; elsewhere, the domain.
    let domain = match (&app.list, app.screen) {
        (Some(list), Screen::List) => app
            .loc
            .msg("wiz-list-header", &[("title", list.title.clone().into())]),
        _ => app
            .target
            .as_ref()
            .map_or_else(|| "—".to_string(), crate::model::target::Target::display),
    };
    let lang = t(app, "wiz-language-name");
    let focused = |f: Focus| {
        if app.screen == Screen::Domain && app.focus == f {
            theme.focused()
        } else {
            theme.bold()
        }
    };
    let mut spans = vec![
        Span::styled(" mxdoctor ", theme.title()),
        Span::styled("│ ", theme.dim()),
    ];
    // A screenshot of the demo must not pass for a real diagnosis.
    if !app.suggestions.is_empty() {
        spans.push(Span::styled(t(app, "wiz-demo-badge"), theme.key()));
        spans.push(Span::styled(" │ ", theme.dim()));
    }
    spans.extend([
        Span::styled(domain, theme.bold()),
        Span::styled(" │ ", theme.dim()),
        Span::styled(app.brand.name.clone(), focused(Focus::Brand)),
        Span::styled(" │ ", theme.dim()),
        Span::styled(lang, focused(Focus::Language)),
    ]);
    let line = super::fit::fit_line(Line::from(spans), usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

/// One line: does anything stop mail, and where.
pub(super) fn verdict(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(d) = &app.diagnosis else {
        return;
    };
    let (mark, text) = crate::present::status::verdict(d, &app.loc);
    let style = match mark {
        '✗' => theme.bad(),
        '✓' => theme.good(),
        _ => theme.warn(),
    };
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(format!("{mark} "), style),
        Span::styled(text, style.patch(theme.bold())),
    ]);
    let line = super::fit::fit_line(line, usize::from(area.width.saturating_sub(1)));
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn step_bar(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let (full, zones) = bar_spans(app, theme, false);
    let width: usize = full.iter().map(Span::width).sum();
    // Narrow terminals: the other steps show their number only; the first
    // and last screens keep their short names.
    let (spans, zones) = if width <= area.width as usize {
        (full, zones)
    } else {
        bar_spans(app, theme, true)
    };
    // Where each screen's name lies, for a click on it.
    app.bar_zones.replace(
        zones
            .into_iter()
            .map(|(from, to, screen)| {
                let x = |n: usize| area.x.saturating_add(super::fit::cells(n));
                (area.y, x(from), x(to), screen)
            })
            .collect(),
    );
    let line = super::fit::fit_line(Line::from(spans), usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

/// The bar's spans, and the columns each screen's name and mark take.
fn bar_spans(
    app: &App,
    theme: Theme,
    compact: bool,
) -> (Vec<Span<'static>>, Vec<(usize, usize, Screen)>) {
    let mut spans = vec![Span::raw(" ")];
    let mut zones = vec![];
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    for (i, screen) in Screen::ORDER.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim()));
        }
        let from = width(&spans);
        let named = !compact || screen == app.screen;
        let (label, state) = match screen {
            Screen::List | Screen::Domain => (t(app, "wiz-step-domain"), None),
            Screen::Step(step) => {
                let n = step_number(step);
                let label = if named {
                    format!("{n} {}", t(app, &format!("wiz-short-{}", step.id())))
                } else {
                    n.to_string()
                };
                (label, Some(app.step_state(step)))
            }
            Screen::Summary => (t(app, "wiz-step-summary"), None),
        };
        let mut style = state.map_or(theme.bold(), |s| theme.step(s));
        if screen == app.screen {
            style = style.patch(theme.focused());
        }
        spans.push(Span::styled(label, style));
        if let Some(s) = state {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(step_mark(s, app.spinner), theme.step(s)));
        }
        zones.push((from, width(&spans), screen));
    }
    (spans, zones)
}

pub(super) fn step_number(step: Step) -> usize {
    Step::ALL.iter().position(|s| *s == step).unwrap_or(0) + 1
}

/// The keys that do something here, in the chosen language. The kept
/// ones (help, quit, the report) always show; the others by rank as room
/// allows, and the line keeps the ranks' order.
pub(super) fn footer(frame: &mut Frame, app: &App, theme: Theme, area: Rect, scrolling: bool) {
    let entries = keys::footer(app.key_context(), scrolling, |a| app.offers(a));
    let pair = |f: &keys::Footer| {
        vec![
            Span::styled(keys::label(&app.loc, f.keys), theme.key()),
            Span::raw(format!(" {}  ", t(app, f.word))),
        ]
    };
    let width = |f: &keys::Footer| pair(f).iter().map(Span::width).sum::<usize>();
    let kept: usize = entries.iter().filter(|f| f.always).map(|f| width(f)).sum();
    // The last entry's two trailing spaces need no room; one blank column
    // stays at the end, so a full footer never reads as a cut one.
    let mut room = usize::from(area.width)
        .saturating_sub(1)
        .saturating_sub(kept)
        .saturating_add(1);
    let mut spans = vec![Span::raw(" ")];
    for f in entries {
        if !f.always {
            let w = width(f);
            if w > room {
                continue;
            }
            room -= w;
        }
        spans.extend(pair(f));
    }
    // The last entry's trailing spaces are not content: cutting them must
    // not cost an ellipsis.
    if let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end().to_string();
        last.content = trimmed.into();
    }
    let line = super::fit::fit_line(Line::from(spans), usize::from(area.width));
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn state_label(app: &App, s: BarState) -> String {
    match s {
        BarState::Waiting => t(app, "wiz-state-waiting"),
        BarState::Running => t(app, "wiz-state-running"),
        BarState::Judged(s) => Words {
            loc: &app.loc,
            brand: &app.brand,
        }
        .step_state(s),
    }
}

/// A bordered box with a title from the locale files.
pub(super) fn titled<'a>(app: &App, theme: Theme, id: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(format!(" {} ", t(app, id)), theme.bold()))
}

/// An overlay: its lines in a box drawn in the key colour, scrolled by the
/// overlay's own scroll. `true` when there is more than it shows.
pub(super) fn overlay(
    frame: &mut Frame,
    app: &App,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    area: Rect,
) -> bool {
    overlay_under(frame, app, theme, title, vec![], lines, area)
}

/// An overlay whose `header` lines stay while the rest scrolls.
pub(super) fn overlay_under(
    frame: &mut Frame,
    app: &App,
    theme: Theme,
    title: &str,
    header: Vec<Line<'static>>,
    lines: Vec<Line<'static>>,
    area: Rect,
) -> bool {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.key())
        .title(Span::styled(format!(" {title} "), theme.bold()));
    boxed_under(
        app,
        header,
        lines,
        block,
        Scrolled::Overlay,
        area,
        frame.buffer_mut(),
    )
}

pub(super) fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}

/// A message from the locale files, without arguments.
pub(super) fn t(app: &App, id: &str) -> String {
    app.loc.msg(id, &[])
}
