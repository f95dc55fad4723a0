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
use ratatui::widgets::Paragraph;

use crate::tui::state::{App, Overlay, Screen};
use crate::tui::theme::Theme;
use fit::wrap;

pub(crate) const MIN_WIDTH: u16 = 60;
pub(crate) const MIN_HEIGHT: u16 = 20;

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return;
    }
    // The verdict under the step bar, once there is one to give.
    let judged = !app.is_running()
        && app.diagnosis.is_some()
        && matches!(app.screen, Screen::Step(_) | Screen::Summary);
    let [header, bar, verdict, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(judged)),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(frame, app, theme, header);
    if app.screen == Screen::List {
        list::counts(frame, app, theme, bar);
    } else {
        chrome::step_bar(frame, app, theme, bar);
    }
    if judged {
        chrome::verdict(frame, app, theme, verdict);
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
