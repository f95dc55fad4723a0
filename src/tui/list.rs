//! Many domains in the wizard: one row each, its steps' marks filled in as
//! its diagnosis ends, in the input's order or the worst first, narrowed
//! by a filter on the name or a finding's code.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};

use crate::judge::StepState;
use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::{Code, Severity, Step};
use crate::model::sanitize::needs_escape;
use crate::model::target::{Target, parse_domain};

/// Each step's state, in the article's order.
pub(crate) type States = [StepState; 4];

/// The longest filter: a domain name.
const MAX_FILTER: usize = 253;

/// Lines that were not domains, kept to show: the count goes on.
const KEPT_SKIPPED: usize = 100;

/// One checked domain: its steps' states and the codes of what is wrong,
/// the worst first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub states: States,
    pub codes: Box<[Code]>,
}

impl Checked {
    /// What the list keeps of a diagnosis.
    pub fn of(d: &Diagnosis) -> Option<Self> {
        let states = States::try_from(d.steps.iter().map(|s| s.state).collect::<Vec<_>>()).ok()?;
        let mut wrong: Vec<(Severity, Code)> = d
            .findings
            .iter()
            .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
            .map(|f| (f.severity, f.code))
            .collect();
        wrong.sort_by_key(|(s, _)| *s != Severity::Error);
        let mut codes: Vec<Code> = vec![];
        for (_, code) in wrong {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Some(Self {
            states,
            codes: codes.into(),
        })
    }

    /// The worst of the checking steps.
    pub fn worst(&self) -> StepState {
        worst(&self.states)
    }
}

/// How many bytes of names a block holds: a long list grows block by
/// block. Were it one block doubling as it grows, each block it left
/// behind would stay with the allocator as a hole no later block fits in,
/// and the peak would be about twice the names.
const BLOCK: usize = 64 * 1024;

/// A list's domain names, in its order, joined in blocks: each costs its
/// bytes and four more, not an allocation of its own. Hundreds of
/// thousands wait in a few megabytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Each block at most `BLOCK` bytes, unless it holds one longer name
    /// alone; a name never straddles two blocks.
    blocks: Vec<String>,
    /// Where each name ends in its block: a name starts where the one
    /// before it ends, or at its block's start.
    ends: Vec<u32>,
    /// The index of each block's first name, ascending.
    firsts: Vec<u32>,
    /// Bytes held in all.
    total: usize,
}

impl Names {
    /// Adds `name` at the end; `false`, and nothing added, once the names
    /// would pass 4 GiB.
    pub fn push(&mut self, name: &str) -> bool {
        let Some(total) = self
            .total
            .checked_add(name.len())
            .filter(|&t| u32::try_from(t).is_ok())
        else {
            return false;
        };
        let Ok(index) = u32::try_from(self.ends.len()) else {
            return false;
        };
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.len() + name.len() <= BLOCK.max(b.capacity()));
        if !fits {
            self.blocks
                .push(String::with_capacity(BLOCK.max(name.len())));
            self.firsts.push(index);
        }
        let Some(block) = self.blocks.last_mut() else {
            return false;
        };
        block.push_str(name);
        // The block's length is under 4 GiB: so is the total.
        self.ends
            .push(u32::try_from(block.len()).unwrap_or(u32::MAX));
        self.total = total;
        true
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Name `index`.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = usize::try_from(*self.ends.get(index)?).ok()?;
        let block = self
            .firsts
            .partition_point(|&first| first as usize <= index)
            .checked_sub(1)?;
        let first = *self.firsts.get(block)? as usize;
        let start = if index == first {
            0
        } else {
            usize::try_from(*self.ends.get(index.checked_sub(1)?)?).ok()?
        };
        self.blocks.get(block)?.get(start..end)
    }

    /// Every name, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Gives back what growing left unused: the list is read once, then
    /// only read.
    pub fn shrink_to_fit(&mut self) {
        if let Some(last) = self.blocks.last_mut() {
            last.shrink_to_fit();
        }
        self.blocks.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.firsts.shrink_to_fit();
    }
}

impl<S: AsRef<str>> FromIterator<S> for Names {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut names = Self::default();
        for name in iter {
            names.push(name.as_ref());
        }
        names.shrink_to_fit();
        names
    }
}

/// Hundreds of thousands of domains, a few bytes each while they wait:
/// the names (ASCII, shared with the task that checks them) and what the
/// check found once it is in. A row is made a `Target` only when shown or
/// opened.
pub struct DomainList {
    /// What the list was read from, for the header.
    pub title: String,
    pub names: Arc<Names>,
    /// Boxed: a row waiting costs a pointer, not the room a checked one
    /// takes.
    rows: Vec<Option<Box<Checked>>>,
    /// A position in `order()`, not in `names`.
    pub selected: usize,
    pub worst_first: bool,
    /// Rows whose name or finding codes hold this (ASCII, lower case).
    pub filter: String,
    /// The filter is being typed.
    pub typing: bool,
    /// Input lines that were not domains, as said to the user (the first
    /// ones), and how many there were.
    pub skipped: Vec<String>,
    pub skipped_count: usize,
}

/// How many rows are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub clear: usize,
    /// Not checked (a lookup failed) or still being checked.
    pub unsure: usize,
    pub pending: usize,
}

impl DomainList {
    pub fn new(names: Arc<Names>) -> Self {
        Self {
            title: String::new(),
            rows: vec![None; names.len()],
            names,
            selected: 0,
            worst_first: false,
            filter: String::new(),
            typing: false,
            skipped: vec![],
            skipped_count: 0,
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

    pub fn row(&self, index: usize) -> Option<&Checked> {
        self.rows.get(index)?.as_deref()
    }

    /// Whether row `index` passes the filter.
    fn shown(&self, index: usize) -> bool {
        if self.filter.is_empty() {
            return true;
        }
        let name = self.names.get(index).unwrap_or_default();
        // Names are kept in their ASCII form, lower case already.
        name.contains(&self.filter)
            || self
                .row(index)
                .is_some_and(|r| r.codes.iter().any(|c| c.id().contains(&self.filter)))
    }

    /// Row indexes as shown: filtered, then sorted when asked.
    pub fn order(&self) -> Vec<usize> {
        // Sized once: a list of 300,000 grows no buffer twice its size on
        // every redraw.
        let mut order = Vec::with_capacity(self.len());
        order.extend((0..self.len()).filter(|i| self.shown(*i)));
        if self.worst_first {
            // Stable: equal rows keep the input's order.
            order.sort_by_key(|i| severity_rank(self.row(*i)));
        }
        order
    }

    /// Moves the selection; `i16::MIN` and `i16::MAX` go to either end.
    pub fn select(&mut self, by: i16) {
        // Only the count matters here: no sort.
        let shown = (0..self.len()).filter(|i| self.shown(*i)).count();
        let last = shown.saturating_sub(1);
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

    /// Changes the order or the filter, keeping the same domain selected
    /// when it still shows.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut Self)) {
        let chosen = self.order().get(self.selected).copied();
        change(self);
        self.selected = chosen
            .and_then(|c| self.order().iter().position(|i| *i == c))
            .unwrap_or(0);
    }

    /// Sorts or unsorts.
    pub fn toggle_sort(&mut self) {
        self.keeping_selection(|l| l.worst_first = !l.worst_first);
    }

    /// A key typed into the filter: printable ASCII is text (names are
    /// ASCII, codes too), Backspace takes the last one away.
    pub fn type_key(&mut self, key: KeyEvent) {
        self.keeping_selection(|l| match key.code {
            KeyCode::Backspace => {
                l.filter.pop();
            }
            KeyCode::Char(c)
                if c.is_ascii_graphic() && !needs_escape(c) && l.filter.len() < MAX_FILTER =>
            {
                l.filter.push(c.to_ascii_lowercase());
            }
            _ => {}
        });
    }

    pub fn clear_filter(&mut self) {
        self.typing = false;
        self.keeping_selection(|l| l.filter.clear());
    }

    pub fn done(&mut self, index: usize, checked: Checked) {
        if let Some(slot) = self.rows.get_mut(index) {
            *slot = Some(Box::new(checked));
        }
    }

    /// A line of the input that was not a domain, as said.
    pub fn skip(&mut self, said: String) {
        self.skipped_count += 1;
        if self.skipped.len() < KEPT_SKIPPED {
            self.skipped.push(said);
        }
    }

    pub fn checked(&self) -> usize {
        self.rows.iter().filter(|s| s.is_some()).count()
    }

    pub fn pending(&self) -> bool {
        self.checked() < self.len()
    }

    /// Rows per state, over the whole list.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for row in &self.rows {
            match row.as_deref().map(Checked::worst) {
                None => c.pending += 1,
                Some(StepState::Error) => c.errors += 1,
                Some(StepState::Warning) => c.warnings += 1,
                Some(StepState::NotChecked) => c.unsure += 1,
                Some(_) => c.clear += 1,
            }
        }
        c
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
fn severity_rank(row: Option<&Checked>) -> u8 {
    row.map_or(4, |r| rank(r.worst()))
}
