//! The wizard's state and how it changes: keys and lookup progress in,
//! effects (run a diagnosis, export, quit) out. No I/O and no drawing here,
//! so every transition can be tested on its own.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::gather::{Progress, Task};
use crate::judge::StepState;
use crate::judge::cdn::failure_finding;
use crate::judge::diagnosis::Diagnosis;
use crate::judge::fix_status::FixStatus;
use crate::model::brand::{self, Brand};
use crate::model::cdn::{Applied, CdnZone, FixPlan};
use crate::model::evidence::{Evidence, Lookup, Probe};
use crate::model::finding::{Finding, Step};
use crate::model::lang::Lang;
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::model::sanitize::needs_escape;
use crate::model::target::Target;
use crate::present::i18n::Localizer;
use crate::tui::keys::{self, Action, Context};
use crate::tui::list::{Checked, DomainList};

/// The longest domain name (RFC 1035): what is typed or pasted past it is
/// dropped, so a huge paste costs no more than a short one.
pub const MAX_INPUT: usize = 253;

/// How often watch mode checks again.
pub(crate) const WATCH_EVERY: Duration = Duration::from_secs(5);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Many domains, one row each (`--from`).
    List,
    Domain,
    Step(Step),
    Summary,
}

impl Screen {
    pub const ORDER: [Screen; 6] = [
        Screen::Domain,
        Screen::Step(Step::Records),
        Screen::Step(Step::Proxy),
        Screen::Step(Step::Practices),
        Screen::Step(Step::Provider),
        Screen::Summary,
    ];

    fn index(self) -> usize {
        Self::ORDER.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn next(self) -> Self {
        if self == Self::List {
            return self;
        }
        Self::ORDER.get(self.index() + 1).copied().unwrap_or(self)
    }

    fn previous(self) -> Self {
        if self == Self::List {
            return self;
        }
        match self.index().checked_sub(1) {
            Some(i) => Self::ORDER.get(i).copied().unwrap_or(self),
            None => self,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Details,
    /// The fix dialog; `App::fix` says where it stands.
    Fix,
}

/// A word for the status line, until the next key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// `f` was pressed where it cannot fix anything: the status line says
    /// why.
    FixRefused,
}

/// Whether `f` can fix what is wrong here, and if not, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixOffer {
    /// Nothing the CDN's API could change is wrong (or nothing is judged
    /// yet).
    Nothing,
    Ready,
    /// No token was given: the fix is the user's, in the dashboard.
    NoToken,
    /// The API could not be read.
    ApiFailed(Finding),
}

/// Where a fix stands, as the dialog shows it.
#[derive(Clone, Debug)]
pub enum FixStage {
    /// The plan is being made from the API's records, off the screen's loop.
    Planning,
    /// The changes, waiting for a yes.
    Plan(FixPlan),
    Applying(FixPlan),
    /// Each change as it went.
    Done(FixPlan, Vec<Applied>),
}

/// Step 3's question, before and after the user answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    Unanswered,
    Answered,
}

/// What Tab moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Input,
    Brand,
    Language,
    Findings,
    Question,
}

/// The state of one article step, as the step bar shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarState {
    Waiting,
    Running,
    Judged(StepState),
}

#[derive(Clone, Debug)]
pub struct LiveTask {
    pub task: Task,
    pub result: Option<TaskResult>,
    pub finished_at: Option<Instant>,
}

#[derive(Clone, Debug)]
pub enum TaskResult {
    Lookup(Lookup),
    Probe(Probe),
}

pub enum Msg {
    Key(KeyEvent),
    /// The wheel or a click, when the wizard has the mouse.
    Mouse(MouseEvent),
    /// Text pasted in one piece (bracketed paste).
    Paste(String),
    /// One domain of the list is checked: what the list keeps of it.
    Listed(usize, Checked),
    Progress(u64, Progress),
    Finished(u64, Box<Diagnosis>),
    Exported(Result<PathBuf, Problem>),
    /// The fix's plan, made from the API's records.
    Planned(FixPlan),
    /// The fix's changes, as they went at the CDN.
    FixApplied(Vec<Applied>),
    /// SIGTERM, SIGHUP, SIGQUIT or SIGINT (its number): leave, but never
    /// in the middle of a write at the CDN.
    Signal(u8),
    Tick,
}

/// What a fix's plan is made from: the diagnosis's evidence and findings,
/// and the zone as the API listed it.
#[derive(Debug)]
pub struct PlanInput {
    pub evidence: Evidence,
    pub findings: Vec<Finding>,
    pub zone: CdnZone,
}

/// Two inputs are alike when they plan alike: the same domain, findings
/// and records (the evidence's timings do not plan anything).
impl PartialEq for PlanInput {
    fn eq(&self, other: &Self) -> bool {
        self.evidence.target == other.evidence.target
            && self.findings == other.findings
            && self.zone == other.zone
    }
}

impl Eq for PlanInput {}

#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Run a diagnosis of `target`; its messages carry `generation`.
    Diagnose {
        target: Target,
        generation: u64,
    },
    /// Check every domain of the list, a few at a time.
    DiagnoseList(std::sync::Arc<super::list::Names>),
    Export,
    /// Make the fix's plan from this evidence, off the screen's loop.
    PlanFix(Box<PlanInput>),
    /// Make these changes at the CDN: only ever after a yes.
    ApplyFix(FixPlan),
    Quit,
}

/// Whether a diagnosis is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Idle,
    Running,
}

/// Where watch mode stands: off, checking again and again with what the
/// last check said, or ended once the fix is in everywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Watch {
    Off,
    On {
        /// When it checks again.
        next: Instant,
        /// Whether it has seen an error to be fixed: its end is the news.
        saw_error: bool,
        /// When the zone's own servers were first seen serving the fix.
        fixed_at: Option<jiff::Timestamp>,
        /// The judge's fix status at the last check.
        status: Option<FixStatus>,
    },
    /// The fix is in everywhere; when it was first seen at the source, if
    /// an error was seen before.
    Ended {
        fixed_at: Option<jiff::Timestamp>,
    },
}

impl Watch {
    /// Watching from now, the first check at once.
    fn started(saw_error: bool) -> Self {
        Self::On {
            next: Instant::now() + WATCH_EVERY,
            saw_error,
            fixed_at: None,
            status: None,
        }
    }

    pub fn next(&self) -> Option<Instant> {
        match self {
            Self::On { next, .. } => Some(*next),
            _ => None,
        }
    }

    fn postpone(&mut self) {
        if let Self::On { next, .. } = self {
            *next = Instant::now() + WATCH_EVERY;
        }
    }

    /// When the fix was first seen at the source, after an error.
    pub fn fixed_at(&self) -> Option<jiff::Timestamp> {
        match self {
            Self::On { fixed_at, .. } | Self::Ended { fixed_at } => *fixed_at,
            Self::Off => None,
        }
    }

    pub fn status(&self) -> Option<&FixStatus> {
        match self {
            Self::On { status, .. } => status.as_ref(),
            _ => None,
        }
    }

    /// Whether the last check saw the fix in (or the watch ended on it).
    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::Ended { .. }) || self.status().is_some_and(FixStatus::is_fixed)
    }

    /// Until when caches may hold the old answer, and the longest TTL.
    pub fn caches_until(&self) -> Option<(jiff::Timestamp, u64)> {
        match self.status() {
            Some(FixStatus::AtSource { until, seconds }) => Some((*until, *seconds)),
            _ => None,
        }
    }

    /// A watch that ended with nothing ever to fix says so once: moving on
    /// forgets it.
    fn forget_quiet_end(&mut self) {
        if *self == (Self::Ended { fixed_at: None }) {
            *self = Self::Off;
        }
    }

    /// What one more check said.
    fn saw(&mut self, seen: FixStatus) {
        let Self::On {
            saw_error,
            fixed_at,
            status,
            ..
        } = self
        else {
            return;
        };
        match &seen {
            FixStatus::NotFixed => {
                *fixed_at = None;
                *saw_error = true;
            }
            FixStatus::AtSource { .. } | FixStatus::Everywhere if *saw_error => {
                fixed_at.get_or_insert_with(jiff::Timestamp::now);
            }
            // Nothing is claimed from answers that did not come.
            FixStatus::AtSource { .. } | FixStatus::Everywhere | FixStatus::Unknown(_) => {}
        }
        if seen == FixStatus::Everywhere {
            *self = Self::Ended {
                fixed_at: *fixed_at,
            };
        } else {
            *status = Some(seen);
        }
    }
}

pub struct App {
    pub loc: Localizer,
    pub brand: Brand,
    /// A brand from --brand-file cannot be swapped for a built-in one.
    pub brand_fixed: bool,
    pub providers: Providers,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    pub input: Input,
    pub input_error: Option<Problem>,
    pub target: Option<Target>,
    pub generation: u64,
    pub live: Vec<LiveTask>,
    /// Whether a diagnosis is under way.
    pub check: Check,
    pub diagnosis: Option<Diagnosis>,
    pub same_machine: Option<bool>,
    /// Whether the question was answered at all ("don't know" is an
    /// answer; no mark is shown before one).
    pub question: Question,
    pub watch: Watch,
    /// Whether the CDN's API can be used (a token was given).
    pub api_ready: bool,
    pub fix: Option<FixStage>,
    /// What the status line says until the next key, if anything.
    pub notice: Option<Notice>,
    pub export: Option<Result<PathBuf, Problem>>,
    pub spinner: usize,
    pub scroll: u16,
    /// The open overlay's own scroll, so closing it finds the step as it was.
    pub overlay_scroll: u16,
    /// How far the scrolled box and the overlay can scroll, as last drawn:
    /// scrolling stops at the end. Unknown (`u16::MAX`) until drawn.
    pub scroll_room: std::cell::Cell<u16>,
    pub overlay_room: std::cell::Cell<u16>,
    /// Where each screen's name lies in the step bar, as last drawn (row,
    /// first and past-the-last column): a click there opens it.
    pub bar_zones: std::cell::RefCell<Vec<(u16, u16, u16, Screen)>>,
    pub quit: bool,
    /// The signal the wizard was asked to leave by, if any.
    pub signal: Option<u8>,
    /// Domains offered in the demo.
    pub suggestions: Vec<String>,
    /// Many domains, when the wizard started on a list.
    pub list: Option<DomainList>,
    /// A check started from the domain screen lands on the first step in
    /// error (or the summary) once judged, unless the user moved first.
    landing: Landing,
}

/// Whether the next verdict moves the user to where the story is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Landing {
    #[default]
    Stay,
    WhereTheErrorIs,
}

impl App {
    pub fn new(lang: Lang, brand: Brand, brand_fixed: bool) -> Self {
        Self {
            loc: Localizer::new(lang),
            brand,
            brand_fixed,
            providers: Providers::built_in(),
            screen: Screen::Domain,
            overlay: None,
            focus: Focus::Input,
            input: Input::default(),
            input_error: None,
            target: None,
            generation: 0,
            live: vec![],
            check: Check::Idle,
            diagnosis: None,
            same_machine: None,
            question: Question::Unanswered,
            watch: Watch::Off,
            api_ready: false,
            fix: None,
            notice: None,
            export: None,
            spinner: 0,
            scroll: 0,
            overlay_scroll: 0,
            scroll_room: std::cell::Cell::new(u16::MAX),
            overlay_room: std::cell::Cell::new(u16::MAX),
            bar_zones: std::cell::RefCell::new(vec![]),
            quit: false,
            signal: None,
            suggestions: vec![],
            list: None,
            landing: Landing::Stay,
        }
    }

    /// Starts on the list screen, checking every domain; `title` names
    /// where the list came from, `skipped` its lines that were not domains
    /// as said to the user.
    pub fn start_with_list(
        &mut self,
        title: String,
        names: super::list::Names,
        skipped: Vec<String>,
    ) -> Vec<Effect> {
        let names = std::sync::Arc::new(names);
        let mut list = DomainList::new(names.clone());
        list.title = title;
        for said in skipped {
            list.skip(said);
        }
        self.list = Some(list);
        self.screen = Screen::List;
        self.focus = Focus::Findings;
        vec![Effect::DiagnoseList(names)]
    }

    /// Starts on the first step with `target`, as `mxdoctor DOMAIN` does.
    pub fn start_with(&mut self, target: Target) -> Vec<Effect> {
        self.input = Input::new(target.unicode.clone());
        self.begin(target)
    }

    pub fn lang(&self) -> Lang {
        self.loc.lang()
    }

    /// How often the screen needs a tick: only while something moves.
    pub fn tick_every(&self) -> Option<Duration> {
        let listing = self.list.as_ref().is_some_and(DomainList::pending);
        if self.is_running() || listing {
            Some(Duration::from_millis(100))
        } else if self.watch.next().is_some() {
            Some(Duration::from_secs(1))
        } else {
            None
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Msg::Key(_) => vec![],
            Msg::Mouse(event) => self.mouse(event),
            Msg::Paste(text) => {
                self.paste(&text);
                vec![]
            }
            Msg::Listed(index, checked) => {
                if let Some(list) = &mut self.list {
                    list.done(index, checked);
                }
                vec![]
            }
            Msg::Progress(generation, p) if generation == self.generation => {
                self.progress(p);
                vec![]
            }
            Msg::Finished(generation, d) if generation == self.generation => self.finished(*d),
            Msg::Progress(..) | Msg::Finished(..) => vec![],
            Msg::Exported(result) => {
                self.export = Some(result);
                vec![]
            }
            Msg::Planned(plan) => {
                if matches!(self.fix, Some(FixStage::Planning)) {
                    self.fix = Some(FixStage::Plan(plan));
                }
                vec![]
            }
            Msg::FixApplied(applied) => self.fix_applied(applied),
            Msg::Signal(number) => self.interrupted(number),
            Msg::Tick => self.tick(),
        }
    }

    /// The question is asked only when its answer changes a finding: the
    /// web is proxied and a mail host shows its own address.
    pub fn asks_question(&self) -> bool {
        self.diagnosis.as_ref().is_some_and(|d| {
            d.findings
                .iter()
                .any(|f| f.code == crate::model::finding::Code::OriginExposure)
        })
    }

    /// Where the user is, for the key table: an overlay takes the keys
    /// from the screen under it.
    pub fn key_context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Fix) if self.asks_to_apply() => Context::Fix,
            Some(Overlay::Fix) => Context::FixShown,
            Some(Overlay::Help | Overlay::Details) => Context::Reading,
            None => self.screen_context(),
        }
    }

    /// The fix dialog shows changes and waits for the yes.
    fn asks_to_apply(&self) -> bool {
        matches!(&self.fix, Some(FixStage::Plan(plan)) if !plan.changes.is_empty())
    }

    /// The screen's own context, under any overlay.
    pub fn screen_context(&self) -> Context {
        match (self.screen, self.focus) {
            (Screen::List, _) if self.list.as_ref().is_some_and(|l| l.typing) => Context::Filter,
            (Screen::List, _) => Context::List,
            (Screen::Domain, Focus::Input) => Context::Input,
            (Screen::Domain, _) => Context::Settings,
            (Screen::Step(Step::Practices), _) if self.asks_question() => Context::Practices,
            _ => Context::Steps,
        }
    }

    /// The wheel scrolls what is under it (the overlay when one is open,
    /// else the screen, or moves the list's selection); a click on a
    /// step's name in the bar opens it.
    fn mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        let context = self.key_context();
        let by = match event.kind {
            MouseEventKind::ScrollDown => 1,
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::Down(MouseButton::Left) => {
                let clicked = self
                    .bar_zones
                    .borrow()
                    .iter()
                    .find_map(|(row, from, to, screen)| {
                        (event.row == *row && (*from..*to).contains(&event.column))
                            .then_some(*screen)
                    });
                return match clicked {
                    Some(Screen::Step(step)) => self.act(Action::Jump(Some(step))),
                    Some(Screen::Summary) => self.act(Action::Jump(None)),
                    Some(Screen::Domain) if self.overlay.is_none() => {
                        self.go(Screen::Domain);
                        vec![]
                    }
                    _ => vec![],
                };
            }
            _ => return vec![],
        };
        match context {
            Context::List => self.act(Action::Select(by)),
            Context::Input | Context::Filter | Context::Fix => vec![],
            // Three lines a notch, as terminals scroll.
            _ => self.act(Action::Scroll(by * 3)),
        }
    }

    /// Whether `action` does something now: the footer and the help
    /// offer only those.
    pub fn offers(&self, action: Action) -> bool {
        let judged = self.diagnosis.is_some() && !self.is_running();
        match action {
            Action::Fix => self.fix_offer() == FixOffer::Ready,
            Action::Export => judged,
            Action::Recheck | Action::Watch => self.target.is_some(),
            Action::Sort | Action::Filter | Action::Open | Action::Select(_) => {
                self.list.as_ref().is_some_and(|l| !l.is_empty())
            }
            Action::Resume => judged && self.list.is_none(),
            // Back to the list, from a domain opened from it.
            Action::Escape => match self.key_context() {
                Context::Input => !self.offers(Action::Resume),
                Context::Settings | Context::Steps | Context::Practices => {
                    self.list.is_some() && self.screen != Screen::List
                }
                _ => true,
            },
            _ => true,
        }
    }

    /// Whether the CDN's API can make the fix, and if not, why.
    pub fn fix_offer(&self) -> FixOffer {
        let Some(d) = self.diagnosis.as_ref().filter(|_| !self.is_running()) else {
            return FixOffer::Nothing;
        };
        if !crate::fix::plan::fixable(&d.findings) {
            return FixOffer::Nothing;
        }
        match &d.evidence.cdn {
            Some(Ok(_)) => FixOffer::Ready,
            Some(Err(failure)) => {
                FixOffer::ApiFailed(failure_finding(failure, &d.evidence.target.ascii))
            }
            None => FixOffer::NoToken,
        }
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.notice = None;
        let context = self.key_context();
        match keys::action(context, &key) {
            Some(action) => self.act(action),
            None if context == Context::Input => self.type_key(key),
            None if context == Context::Filter => {
                if let Some(list) = &mut self.list {
                    list.type_key(key);
                }
                vec![]
            }
            None => vec![],
        }
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return self.quit(),
            Action::Interrupt => return self.interrupted(2),
            Action::Escape if self.overlay.take().is_some() => {}
            // Typing the filter: Esc empties it.
            Action::Escape if self.screen_context() == Context::Filter => {
                if let Some(list) = &mut self.list {
                    list.clear_filter();
                }
            }
            Action::Filter => {
                if let Some(list) = &mut self.list {
                    list.typing = !list.typing;
                }
            }
            // From a domain of the list, back to the list.
            Action::Escape if self.list.is_some() && self.screen != Screen::List => {
                self.go(Screen::List);
            }
            Action::Escape => return self.quit(),
            Action::Resume if self.offers(Action::Resume) => {
                self.go(self.story());
            }
            Action::Resume => return self.quit(),
            Action::Select(by) => {
                if let Some(list) = &mut self.list {
                    list.select(by);
                }
            }
            Action::Sort => {
                if let Some(list) = &mut self.list {
                    list.toggle_sort();
                }
            }
            Action::Open => {
                if let Some(target) = self.list.as_ref().and_then(DomainList::selected_target) {
                    return self.start_with(target);
                }
            }
            Action::Check => return self.submit(),
            Action::Recheck => return self.recheck(),
            Action::Watch => return self.toggle_watch(),
            Action::Export if self.diagnosis.is_some() && !self.is_running() => {
                return vec![Effect::Export];
            }
            Action::Export => self.export = Some(Err(Problem::new("wiz-export-wait"))),
            Action::Help => self.toggle(Overlay::Help),
            Action::Details => self.toggle(Overlay::Details),
            Action::Language => self.switch_language(),
            Action::Focus { backwards } => self.cycle_focus(backwards),
            Action::Change { forward } => self.change_setting(forward),
            Action::Next => self.go(self.screen.next()),
            Action::Back => self.go(self.screen.previous()),
            Action::Scroll(by) if self.overlay.is_some() => {
                self.overlay_scroll = moved(self.overlay_scroll, by, self.overlay_room.get());
            }
            Action::Scroll(by) => self.scroll = moved(self.scroll, by, self.scroll_room.get()),
            Action::Jump(step) if self.diagnosis.is_some() || self.is_running() => {
                self.go(step.map_or(Screen::Summary, Screen::Step));
            }
            Action::Jump(_) => {}
            Action::Answer(answer) => self.answer(answer),
            Action::Fix if self.offers(Action::Fix) => return self.open_fix(),
            Action::Fix => self.notice = Some(Notice::FixRefused),
            Action::Confirm(yes) => return self.confirm(yes),
        }
        vec![]
    }

    /// The fix dialog, with the plan from the API's records: nothing is
    /// changed until the user says yes in it.
    fn open_fix(&mut self) -> Vec<Effect> {
        let Some(d) = &self.diagnosis else {
            return vec![];
        };
        let Some(Ok(zone)) = &d.evidence.cdn else {
            return vec![];
        };
        let effects = vec![Effect::PlanFix(Box::new(PlanInput {
            evidence: d.evidence.clone(),
            findings: d.findings.clone(),
            zone: zone.clone(),
        }))];
        self.fix = Some(FixStage::Planning);
        self.overlay = Some(Overlay::Fix);
        self.overlay_scroll = 0;
        effects
    }

    fn confirm(&mut self, yes: bool) -> Vec<Effect> {
        match self.fix.take() {
            Some(FixStage::Plan(plan)) if yes && !plan.changes.is_empty() => {
                self.fix = Some(FixStage::Applying(plan.clone()));
                vec![Effect::ApplyFix(plan)]
            }
            // Once applying, an answer changes nothing.
            Some(stage @ (FixStage::Applying(_) | FixStage::Done(..))) => {
                self.fix = Some(stage);
                vec![]
            }
            _ => {
                self.overlay = None;
                vec![]
            }
        }
    }

    /// The changes are made: watch the zone's servers until they serve
    /// them, then count down the caches.
    fn fix_applied(&mut self, applied: Vec<Applied>) -> Vec<Effect> {
        let Some(FixStage::Applying(plan)) = self.fix.take() else {
            return vec![];
        };
        let all = crate::fix::all_applied(&plan, &applied);
        self.fix = Some(FixStage::Done(plan, applied));
        // Asked to leave during the write: now it is answered, leave.
        if self.quit {
            return vec![Effect::Quit];
        }
        if !all || self.target.is_none() {
            return vec![];
        }
        // The changes were made for an error: its end is the news.
        self.watch = Watch::started(true);
        if self.is_running() {
            vec![]
        } else {
            self.run()
        }
    }

    /// A key that is not in the table, in the domain field: text.
    fn type_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Char(c) if needs_escape(c) => vec![],
            KeyCode::Char(_) if self.input.value().chars().count() >= MAX_INPUT => vec![],
            _ => {
                self.input.handle_event(&Event::Key(key));
                self.input_error = None;
                vec![]
            }
        }
    }

    /// A paste goes into the domain field at the cursor, without control
    /// characters, newlines or bidi marks, up to `MAX_INPUT` in all.
    /// Elsewhere it is ignored: pasted letters must not act as keys.
    fn paste(&mut self, text: &str) {
        if self.screen != Screen::Domain || self.focus != Focus::Input {
            return;
        }
        let value = self.input.value();
        let room = MAX_INPUT.saturating_sub(value.chars().count());
        let pasted: String = text
            .chars()
            .filter(|c| !needs_escape(*c))
            .take(room)
            .collect();
        let at = self.input.cursor();
        let joined: String = value
            .chars()
            .take(at)
            .chain(pasted.chars())
            .chain(value.chars().skip(at))
            .collect();
        self.input = Input::new(joined).with_cursor(at + pasted.chars().count());
        self.input_error = None;
    }

    /// Leaves for a signal: the program then exits with 128 + its number,
    /// as a shell expects of a program a signal ended.
    fn interrupted(&mut self, signal: u8) -> Vec<Effect> {
        self.signal.get_or_insert(signal);
        self.quit()
    }

    /// Leaves, except while a write is in flight at the CDN: then the
    /// wizard waits for its answer, shows what was done, and leaves after.
    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        if matches!(self.fix, Some(FixStage::Applying(_))) {
            self.overlay = Some(Overlay::Fix);
            return vec![];
        }
        vec![Effect::Quit]
    }

    fn toggle(&mut self, overlay: Overlay) {
        self.overlay_scroll = 0;
        self.overlay_room.set(u16::MAX);
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
    }

    pub fn switch_language(&mut self) {
        self.loc = Localizer::new(self.lang().other());
    }

    fn focus_order(&self) -> Vec<Focus> {
        match self.screen {
            Screen::Domain => vec![Focus::Input, Focus::Brand, Focus::Language],
            Screen::Step(Step::Practices) if self.asks_question() => {
                vec![Focus::Findings, Focus::Question]
            }
            _ => vec![Focus::Findings],
        }
    }

    fn cycle_focus(&mut self, backwards: bool) {
        let order = self.focus_order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        let next = if backwards { at + n - 1 } else { at + 1 };
        if let Some(f) = order.get(next % n.max(1)) {
            self.focus = *f;
        }
    }

    fn change_setting(&mut self, forward: bool) {
        match self.focus {
            Focus::Language => self.switch_language(),
            Focus::Brand if !self.brand_fixed => {
                let ids = brand::BUILT_IN;
                let at = ids.iter().position(|id| *id == self.brand.id).unwrap_or(0);
                let next = if forward {
                    (at + 1) % ids.len()
                } else {
                    (at + ids.len() - 1) % ids.len()
                };
                if let Some(Ok(b)) = ids.get(next).map(|id| Brand::built_in(id)) {
                    self.brand = b;
                    self.rejudge();
                }
            }
            _ => {}
        }
    }

    fn go(&mut self, screen: Screen) {
        if matches!(screen, Screen::Domain | Screen::List) {
            self.watch = Watch::Off;
        }
        self.screen = screen;
        self.scroll = 0;
        self.scroll_room.set(u16::MAX);
        self.landing = Landing::Stay;
        self.focus = self
            .focus_order()
            .first()
            .copied()
            .unwrap_or(Focus::Findings);
        self.watch.forget_quiet_end();
    }

    fn submit(&mut self) -> Vec<Effect> {
        // In the demo, a scenario's short name stands for its domain.
        let typed = self.input.value().trim();
        let input = self
            .suggestions
            .iter()
            .find(|d| {
                d.strip_prefix(typed)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
            .map_or(typed.to_string(), String::clone);
        match crate::model::target::parse_domain(&input) {
            // Back on the first screen with the same domain: carry on.
            Ok(target) if Some(&target) == self.target.as_ref() => {
                self.go(Screen::Step(Step::Records));
                vec![]
            }
            // The demo's servers know only its own zones: another domain
            // would fail every lookup and look like a broken resolver.
            Ok(target)
                if !self.suggestions.is_empty() && !self.suggestions.contains(&target.ascii) =>
            {
                self.input_error =
                    Some(Problem::new("wiz-demo-only").arg("input", target.display()));
                self.focus = Focus::Input;
                vec![]
            }
            Ok(target) => self.begin(target),
            Err(usage) => {
                self.input_error = Some(usage);
                self.focus = Focus::Input;
                vec![]
            }
        }
    }

    fn begin(&mut self, target: Target) -> Vec<Effect> {
        self.target = Some(target);
        self.input_error = None;
        self.same_machine = None;
        self.question = Question::Unanswered;
        self.export = None;
        self.go(Screen::Step(Step::Records));
        self.landing = Landing::WhereTheErrorIs;
        self.run()
    }

    fn run(&mut self) -> Vec<Effect> {
        let Some(target) = self.target.clone() else {
            return vec![];
        };
        self.generation += 1;
        self.export = None;
        self.live.clear();
        self.check = Check::Running;
        self.diagnosis = None;
        vec![Effect::Diagnose {
            target,
            generation: self.generation,
        }]
    }

    fn recheck(&mut self) -> Vec<Effect> {
        self.watch.forget_quiet_end();
        self.run()
    }

    fn toggle_watch(&mut self) -> Vec<Effect> {
        if self.watch.next().is_some() || self.target.is_none() {
            self.watch = Watch::Off;
            return vec![];
        }
        self.watch = Watch::started(self.diagnosis.as_ref().is_some_and(Diagnosis::has_errors));
        if self.is_running() {
            vec![]
        } else {
            self.run()
        }
    }

    fn tick(&mut self) -> Vec<Effect> {
        self.spinner = self.spinner.wrapping_add(1);
        match self.watch.next() {
            Some(at) if !self.is_running() && Instant::now() >= at => {
                self.watch.postpone();
                self.run()
            }
            _ => vec![],
        }
    }

    fn progress(&mut self, p: Progress) {
        match p {
            Progress::Started { id, task } => {
                let live = LiveTask {
                    task,
                    result: None,
                    finished_at: None,
                };
                // Ids count up from 0 in the order tasks start.
                if id == self.live.len() {
                    self.live.push(live);
                } else if let Some(slot) = self.live.get_mut(id) {
                    *slot = live;
                }
            }
            Progress::LookupDone { id, lookup } => self.done(id, TaskResult::Lookup(lookup)),
            Progress::ProbeDone { id, probe } => self.done(id, TaskResult::Probe(probe)),
        }
    }

    fn done(&mut self, id: usize, result: TaskResult) {
        if let Some(t) = self.live.get_mut(id) {
            t.result = Some(result);
            t.finished_at = Some(Instant::now());
        }
    }

    fn finished(&mut self, mut d: Diagnosis) -> Vec<Effect> {
        self.check = Check::Idle;
        d.rejudge(&self.brand, &self.providers, self.same_machine);
        self.diagnosis = Some(d);
        // Where the story is: the first step with an error, else the
        // summary; only for a fresh check, and not if the user moved.
        if std::mem::take(&mut self.landing) == Landing::WhereTheErrorIs && self.overlay.is_none() {
            self.go(self.story());
        }
        // The judge's one status, over the whole diagnosis: the step on
        // screen has no say in it.
        if let Some(status) = self.diagnosis.as_ref().map(Diagnosis::fix_status) {
            self.watch.saw(status);
        }
        vec![]
    }

    /// Where the story is: the first step with an error, else the summary.
    fn story(&self) -> Screen {
        let first_error = self.diagnosis.as_ref().and_then(|d| {
            d.steps
                .iter()
                .find(|s| s.state == crate::judge::StepState::Error)
                .map(|s| s.step)
        });
        first_error.map_or(Screen::Summary, Screen::Step)
    }

    fn answer(&mut self, answer: Option<bool>) {
        self.same_machine = answer;
        self.question = Question::Answered;
        self.rejudge();
    }

    fn rejudge(&mut self) {
        if let Some(d) = &mut self.diagnosis {
            d.rejudge(&self.brand, &self.providers, self.same_machine);
        }
    }

    pub fn is_running(&self) -> bool {
        self.check == Check::Running
    }

    /// The step bar's view of one step: the judge's, once it is in.
    pub fn step_state(&self, step: Step) -> BarState {
        if self.is_running() {
            return BarState::Running;
        }
        match self.diagnosis.as_ref().and_then(|d| d.step(step)) {
            Some(report) => BarState::Judged(report.state),
            None => BarState::Waiting,
        }
    }

    /// The lookups that have answered so far, in the order they started.
    pub fn seen_lookups(&self) -> Vec<&Lookup> {
        self.live
            .iter()
            .filter_map(|t| match &t.result {
                Some(TaskResult::Lookup(l)) => Some(l),
                _ => None,
            })
            .collect()
    }

    /// The connection tests that have ended so far.
    pub fn seen_probes(&self) -> Vec<&Probe> {
        self.live
            .iter()
            .filter_map(|t| match &t.result {
                Some(TaskResult::Probe(p)) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// A scroll offset moved by `by`, within `0..=room`: `i16::MIN` and
/// `i16::MAX` go to either end.
fn moved(offset: u16, by: i16, room: u16) -> u16 {
    offset.saturating_add_signed(by).min(room)
}
