//! Styles: colour only when wanted (`--color`, `NO_COLOR`), in a palette
//! for dark terminals or one for light ones (`theme`, `MXDOCTOR_THEME`).

use ratatui::style::{Color, Modifier, Style};

use crate::judge::StepState;
use crate::model::finding::Severity;
use crate::present::cells::state_mark;
use crate::tui::state::BarState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours that read on a light background.
    pub light: bool,
}

impl Theme {
    /// Colours for a dark terminal, the usual one.
    pub const fn dark() -> Self {
        Self {
            color: true,
            light: false,
        }
    }

    /// Colours for a light terminal: no yellow or cyan on white.
    pub const fn light() -> Self {
        Self {
            color: true,
            light: true,
        }
    }

    /// No colour: marks, bold, reverse and dim say it all.
    pub const fn plain() -> Self {
        Self {
            color: false,
            light: false,
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The accent of titles, keys and things in progress.
    fn accent(self) -> Color {
        if self.light { Color::Blue } else { Color::Cyan }
    }

    pub fn severity(self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning if self.light => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Info => self.fg(self.accent()),
            Severity::Ok => self.fg(Color::Green),
        }
    }

    pub fn step(self, s: BarState) -> Style {
        match s {
            BarState::Waiting => self.dim(),
            BarState::Running => self.fg(self.accent()),
            BarState::Judged(StepState::Ok) => self.severity(Severity::Ok),
            BarState::Judged(StepState::Warning | StepState::NotChecked) => {
                self.severity(Severity::Warning)
            }
            BarState::Judged(StepState::Error) => self.severity(Severity::Error),
            BarState::Judged(StepState::Identified | StepState::NotIdentified) => {
                self.severity(Severity::Info)
            }
        }
    }

    pub fn bad(self) -> Style {
        self.severity(Severity::Error)
    }

    pub fn warn(self) -> Style {
        self.severity(Severity::Warning)
    }

    pub fn good(self) -> Style {
        self.severity(Severity::Ok)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD)
    }

    /// The element Tab has moved to.
    pub fn focused(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD)
    }
}

pub(crate) fn step_mark(s: BarState, spinner: usize) -> &'static str {
    match s {
        BarState::Waiting => "·",
        BarState::Running => spinner_frame(spinner),
        BarState::Judged(s) => state_mark(s),
    }
}

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

pub(crate) fn spinner_frame(tick: usize) -> &'static str {
    SPINNER.get(tick % SPINNER.len()).copied().unwrap_or("·")
}
