//! Styles, with colour only when the terminal may have it (NO_COLOR unset).

use ratatui::style::{Color, Modifier, Style};

use crate::finding::Severity;
use crate::tui::app::StepState;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Info => self.fg(Color::Cyan),
            Severity::Ok => self.fg(Color::Green),
        }
    }

    pub fn step(&self, s: StepState) -> Style {
        match s {
            StepState::Waiting => self.dim(),
            StepState::Running => self.fg(Color::Cyan),
            StepState::Ok => self.severity(Severity::Ok),
            StepState::Warning => self.severity(Severity::Warning),
            StepState::Error => self.severity(Severity::Error),
        }
    }

    pub fn bad(&self) -> Style {
        self.severity(Severity::Error)
    }

    pub fn good(&self) -> Style {
        self.severity(Severity::Ok)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The element Tab has moved to.
    pub fn focused(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
        Severity::Ok => "✓",
    }
}

pub fn step_mark(s: StepState, spinner: usize) -> &'static str {
    match s {
        StepState::Waiting => "·",
        StepState::Running => SPINNER[spinner % SPINNER.len()],
        StepState::Ok => "✓",
        StepState::Warning => "!",
        StepState::Error => "✗",
    }
}

pub const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
