//! Many domains in the wizard: one row each, its steps' marks filled in as
//! its diagnosis ends, in the input's order or the worst first.

use std::sync::Arc;

use crate::judge::StepState;
use crate::model::finding::Step;
use crate::model::target::{Target, parse_domain};

/// Each step's state, in the article's order.
pub(crate) type States = [StepState; 4];

/// Hundreds of thousands of domains, a few dozen bytes each while they
/// wait: the names (ASCII, shared with the task that checks them) and the
/// states once they are in. A row is made a `Target` only when shown or
/// opened.
pub struct DomainList {
    pub names: Arc<[Box<str>]>,
    pub states: Vec<Option<States>>,
    /// A position in `order()`, not in `names`.
    pub selected: usize,
    pub worst_first: bool,
}

impl DomainList {
    pub fn new(names: Arc<[Box<str>]>) -> Self {
        Self {
            states: vec![None; names.len()],
            names,
            selected: 0,
            worst_first: false,
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Row `index` as a domain, to show or open.
    pub fn target(&self, index: usize) -> Option<Target> {
        parse_domain(self.names.get(index)?).ok()
    }

    pub fn states_of(&self, index: usize) -> Option<&[StepState]> {
        self.states.get(index)?.as_ref().map(|s| &s[..])
    }

    /// Row indexes as shown.
    pub fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        if self.worst_first {
            // Stable: equal rows keep the input's order.
            order.sort_by_key(|i| {
                self.states
                    .get(*i)
                    .map_or(u8::MAX, |s| severity_rank(s.as_ref()))
            });
        }
        order
    }

    pub fn select(&mut self, by: i16) {
        let last = self.len().saturating_sub(1);
        let step = usize::from(by.unsigned_abs());
        self.selected = if by < 0 {
            self.selected.saturating_sub(step)
        } else {
            self.selected.saturating_add(step).min(last)
        };
    }

    pub fn selected_target(&self) -> Option<Target> {
        let index = *self.order().get(self.selected)?;
        self.target(index)
    }

    /// Sorts or unsorts, keeping the same domain selected.
    pub fn toggle_sort(&mut self) {
        let chosen = self.order().get(self.selected).copied();
        self.worst_first = !self.worst_first;
        if let Some(chosen) = chosen {
            self.selected = self.order().iter().position(|i| *i == chosen).unwrap_or(0);
        }
    }

    pub fn done(&mut self, index: usize, states: Vec<StepState>) {
        if let (Some(slot), Ok(states)) = (self.states.get_mut(index), States::try_from(states)) {
            *slot = Some(states);
        }
    }

    pub fn checked(&self) -> usize {
        self.states.iter().filter(|s| s.is_some()).count()
    }

    pub fn pending(&self) -> bool {
        self.checked() < self.len()
    }
}

/// The worst state of the three checking steps (the provider step is an
/// action, not a check).
pub(crate) fn worst(states: &[StepState]) -> StepState {
    Step::ALL
        .iter()
        .zip(states)
        .filter(|(step, _)| **step != Step::Provider)
        .map(|(_, s)| *s)
        .min_by_key(|s| rank(*s))
        .unwrap_or(StepState::Ok)
}

/// Lower is worse: an error, a step not checked, a warning, all well.
fn rank(s: StepState) -> u8 {
    match s {
        StepState::Error => 0,
        StepState::NotChecked => 1,
        StepState::Warning => 2,
        _ => 3,
    }
}

/// The row's place when the worst come first; rows still being checked
/// come last.
fn severity_rank(states: Option<&States>) -> u8 {
    states.map_or(4, |s| rank(worst(s)))
}
