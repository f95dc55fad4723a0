//! Styles, with colour only when the terminal may have it (`NO_COLOR` unset).

use ratatui::style::{Color, Modifier, Style};

use crate::judge::StepState;
use crate::model::finding::Severity;
use crate::present::cells::state_mark;
use crate::tui::state::BarState;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn severity(self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Info => self.fg(Color::Cyan),
            Severity::Ok => self.fg(Color::Green),
        }
    }

    pub fn step(self, s: BarState) -> Style {
        match s {
            BarState::Waiting => self.dim(),
            BarState::Running => self.fg(Color::Cyan),
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
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The element Tab has moved to.
    pub fn focused(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
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
