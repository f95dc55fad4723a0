//! Drawing: one file per screen, plus the chrome around them. Pure functions
//! of the app state, so snapshot tests see exactly what a person sees.

mod chrome;
mod details;
mod domain;
pub(crate) mod fit;
mod fix;
mod help;
mod list;
mod step;
mod summary;
mod widgets;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::model::evidence::{Lookup, Probe};
use crate::tui::state::{App, Overlay, Screen, TaskResult};
use crate::tui::theme::Theme;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return;
    }
    let [header, bar, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(frame, app, theme, header);
    if app.screen != Screen::List {
        chrome::step_bar(frame, app, theme, bar);
    }
    // The body first: the footer shows the scroll keys only when the
    // screen has more than it shows.
    let screen_scrolls = match app.screen {
        Screen::List => {
            list::draw(frame, app, theme, body);
            false
        }
        Screen::Domain => {
            domain::draw(frame, app, theme, body);
            false
        }
        Screen::Step(step) => step::draw(frame, app, theme, body, step),
        Screen::Summary => summary::draw(frame, app, theme, body),
    };
    let scrolling = match app.overlay {
        Some(Overlay::Help) => help::draw(frame, app, theme, body),
        Some(Overlay::Details) => details::draw(frame, app, theme, body),
        Some(Overlay::Fix) => fix::draw(frame, app, theme, body),
        None => screen_scrolls,
    };
    chrome::footer(frame, app, theme, footer, scrolling);
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = app.loc.msg(
        "wiz-too-small",
        &[
            ("width", area.width.to_string().into()),
            ("height", area.height.to_string().into()),
        ],
    );
    let [middle] = Layout::vertical([Constraint::Length(3)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let lines = wrap("", Style::new(), &text, Style::new(), area.width, "");
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}

/// `head` then `body`, wrapped to `width`, less one: the last column stays
/// blank, so a line that reaches it was cut (see the screens' test).
/// Lines break only at ordinary spaces, so French no-break spaces keep
/// « : ; ? ! » with their words; continuation lines start with `indent`.
fn wrap(
    head: &str,
    head_style: Style,
    body: &str,
    body_style: Style,
    width: u16,
    indent: &str,
) -> Vec<Line<'static>> {
    let text = format!("{head}{body}");
    let options = textwrap::Options::new(usize::from(width.max(9) - 1))
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(&text, options)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match line.strip_prefix(head) {
            Some(rest) if i == 0 && !head.is_empty() => Line::from(vec![
                Span::styled(head.to_string(), head_style),
                Span::styled(rest.to_string(), body_style),
            ]),
            _ => Line::styled(line.into_owned(), body_style),
        })
        .collect()
}

/// A count of rows or columns as the terminal's unit, saturating.
fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A bordered box with a title from the locale files.
fn titled<'a>(app: &App, theme: &Theme, id: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(format!(" {} ", t(app, id)), theme.bold()))
}

/// An overlay: its lines in a box drawn in the key colour, scrolled by the
/// overlay's own scroll. `true` when there is more than it shows.
fn overlay(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    area: Rect,
) -> bool {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.key())
        .title(Span::styled(format!(" {title} "), theme.bold()));
    fit::boxed(
        app,
        lines,
        block,
        app.overlay_scroll,
        area,
        frame.buffer_mut(),
    )
}

fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}

/// A message from the locale files, without arguments.
fn t(app: &App, id: &str) -> String {
    app.loc.msg(id, &[])
}

/// The lookups that have answered so far, in the order they started.
fn lookups(app: &App) -> Vec<&Lookup> {
    app.live
        .iter()
        .filter_map(|t| match &t.result {
            Some(TaskResult::Lookup(l)) => Some(l),
            _ => None,
        })
        .collect()
}

fn probes(app: &App) -> Vec<&Probe> {
    app.live
        .iter()
        .filter_map(|t| match &t.result {
            Some(TaskResult::Probe(p)) => Some(p),
            _ => None,
        })
        .collect()
}
