//! Many domains in the wizard: one row each, its steps' marks filled in as
//! its diagnosis ends, in the input's order or the worst first.

use crate::judge::StepState;
use crate::model::finding::Step;
use crate::model::target::Target;

pub struct ListRow {
    pub target: Target,
    /// Each step's state, once the domain is checked.
    pub states: Option<Vec<StepState>>,
}

pub struct DomainList {
    pub rows: Vec<ListRow>,
    /// A position in `order()`, not in `rows`.
    pub selected: usize,
    pub worst_first: bool,
}

impl DomainList {
    pub fn new(targets: Vec<Target>) -> Self {
        Self {
            rows: targets
                .into_iter()
                .map(|target| ListRow {
                    target,
                    states: None,
                })
                .collect(),
            selected: 0,
            worst_first: false,
        }
    }

    /// Row indexes as shown.
    pub fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        if self.worst_first {
            // Stable: equal rows keep the input's order.
            order.sort_by_key(|i| self.rows.get(*i).map_or(u8::MAX, severity_rank));
        }
        order
    }

    pub fn select(&mut self, by: i16) {
        let last = self.rows.len().saturating_sub(1);
        let step = usize::from(by.unsigned_abs());
        self.selected = if by < 0 {
            self.selected.saturating_sub(step)
        } else {
            self.selected.saturating_add(step).min(last)
        };
    }

    pub fn selected_target(&self) -> Option<&Target> {
        let index = *self.order().get(self.selected)?;
        self.rows.get(index).map(|r| &r.target)
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
        if let Some(row) = self.rows.get_mut(index) {
            row.states = Some(states);
        }
    }

    pub fn checked(&self) -> usize {
        self.rows.iter().filter(|r| r.states.is_some()).count()
    }

    pub fn pending(&self) -> bool {
        self.checked() < self.rows.len()
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
fn severity_rank(row: &ListRow) -> u8 {
    row.states.as_deref().map_or(4, |s| rank(worst(s)))
}
