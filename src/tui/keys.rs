//! Every key of the wizard, declared once: the handler finds its action
//! here, the footer and the help overlay list it from here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is, as far as keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Typing the domain: letters are text.
    Input,
    /// The first screen, on the CDN or language setting.
    Settings,
    /// One of the steps or the summary.
    Steps,
    /// The best-practices step, where the question is asked.
    Practices,
    /// The list of domains.
    List,
    /// The fix dialog asking its question: only an explicit yes applies.
    Fix,
    /// The fix dialog showing where the fix stands: nothing to answer.
    FixShown,
    /// Help or the details over a screen: keys act on the overlay alone.
    Reading,
    /// Typing the list's filter: letters are text.
    Filter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Check,
    Change {
        forward: bool,
    },
    Next,
    Back,
    Focus {
        backwards: bool,
    },
    Scroll(i16),
    Answer(Option<bool>),
    Recheck,
    Watch,
    Language,
    Details,
    Export,
    Help,
    /// Straight to one of the steps, or (`None`) the summary.
    Jump(Option<Step>),
    /// Moves the list's selection.
    Select(i16),
    /// Opens the selected domain of the list.
    Open,
    /// Worst first, or the input's order.
    Sort,
    /// Starts typing the list's filter.
    Filter,
    /// Opens the fix dialog.
    Fix,
    /// The fix dialog's answer.
    Confirm(bool),
    /// Esc: closes an overlay first, then goes back to the list.
    Escape,
    /// Esc in the domain field once a domain was checked: back to its
    /// result rather than out of the program.
    Resume,
    Quit,
    /// Ctrl-C: quits as SIGINT would, with its exit code.
    Interrupt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
}

/// A key's entry in the footer.
pub struct Footer {
    /// The keys as shown (see [`label`]).
    pub keys: &'static str,
    /// The words' id.
    pub word: &'static str,
    /// Where it shows.
    pub contexts: &'static [Context],
    /// Lower first: what the screen is about, then the rest; help and quit
    /// last.
    pub rank: u8,
    /// Shown however narrow the terminal: help, quit, and the report, the
    /// thing a support agent sends.
    pub always: bool,
    /// Shown only when the screen has more than it can show.
    pub when_scrolling: bool,
}

const fn entry(
    keys: &'static str,
    word: &'static str,
    contexts: &'static [Context],
    rank: u8,
) -> Footer {
    Footer {
        keys,
        word,
        contexts,
        rank,
        always: false,
        when_scrolling: false,
    }
}

impl Footer {
    /// Shown however narrow the terminal.
    const fn kept(self) -> Self {
        Self {
            always: true,
            ..self
        }
    }
}

pub struct Binding {
    pub keys: &'static [(Key, Action)],
    pub contexts: &'static [Context],
    pub footer: Option<Footer>,
    /// The help overlay's line: the keys as shown, and the words' id.
    pub help: Option<(&'static str, &'static str)>,
}

use crate::model::finding::Step;
use Context::{Filter, Fix, FixShown, Input, List, Practices, Reading, Settings, Steps};
use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

const EVERYWHERE: &[Context] = &[
    Input, Settings, Steps, Practices, List, Fix, FixShown, Reading, Filter,
];
const NOT_TYPING: &[Context] = &[Settings, Steps, Practices];
const STEPS: &[Context] = &[Steps, Practices];
/// Where a box of text scrolls: a step, or an overlay over it.
const SCROLLING: &[Context] = &[Settings, Steps, Practices, FixShown, Reading];
/// Where Esc closes what is open.
const CLOSING: &[Context] = &[FixShown, Reading];

/// In the help overlay's order.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::Code(Left), Action::Change { forward: false }),
            (Key::Code(Right), Action::Change { forward: true }),
        ],
        contexts: &[Settings],
        footer: Some(entry("←→", "key-change", &[Settings], 0)),
        help: None,
    },
    Binding {
        keys: &[
            (Key::Code(Enter), Action::Next),
            (Key::Code(Right), Action::Next),
        ],
        contexts: STEPS,
        footer: Some(entry("←→", "key-move", STEPS, 0)),
        help: Some(("Enter, →", "help-key-next")),
    },
    Binding {
        keys: &[
            (Key::Code(Left), Action::Back),
            (Key::Code(Backspace), Action::Back),
        ],
        contexts: NOT_TYPING,
        footer: None,
        help: Some(("←", "help-key-back")),
    },
    Binding {
        keys: &[(Key::Code(Enter), Action::Check)],
        contexts: &[Input, Settings],
        footer: Some(entry("Enter", "key-check", &[Input, Settings], 1)),
        help: None,
    },
    Binding {
        keys: &[
            (Key::Code(Tab), Action::Focus { backwards: false }),
            (Key::Code(BackTab), Action::Focus { backwards: true }),
        ],
        contexts: &[Input, Settings, Steps, Practices, List],
        footer: Some(entry("Tab", "key-field", &[Input, Settings], 2)),
        help: Some(("Tab", "help-key-tab")),
    },
    Binding {
        // The arrows, and the keys of less, vim and the tools built on them.
        keys: &[
            (Key::Code(Up), Action::Scroll(-1)),
            (Key::Code(Down), Action::Scroll(1)),
            (Key::Code(Char('k')), Action::Scroll(-1)),
            (Key::Code(Char('j')), Action::Scroll(1)),
            (Key::Code(PageUp), Action::Scroll(-10)),
            (Key::Code(PageDown), Action::Scroll(10)),
        ],
        contexts: SCROLLING,
        footer: Some(Footer {
            when_scrolling: true,
            ..entry(
                "↑↓",
                "key-scroll",
                &[Steps, Practices, FixShown, Reading],
                7,
            )
        }),
        help: Some(("↑↓ j k PgUp PgDn", "help-key-scroll")),
    },
    Binding {
        keys: &[
            (Key::Code(Home), Action::Scroll(i16::MIN)),
            (Key::Code(End), Action::Scroll(i16::MAX)),
            (Key::Code(Char('g')), Action::Scroll(i16::MIN)),
            (Key::Code(Char('G')), Action::Scroll(i16::MAX)),
        ],
        contexts: SCROLLING,
        footer: None,
        help: Some(("Home End g G", "help-key-ends")),
    },
    Binding {
        keys: &[
            (Key::Code(Char('1')), Action::Jump(Some(Step::Records))),
            (Key::Code(Char('2')), Action::Jump(Some(Step::Proxy))),
            (Key::Code(Char('3')), Action::Jump(Some(Step::Practices))),
            (Key::Code(Char('4')), Action::Jump(Some(Step::Provider))),
            (Key::Code(Char('b')), Action::Jump(None)),
        ],
        contexts: STEPS,
        footer: None,
        help: Some(("1 2 3 4 b", "help-key-jump")),
    },
    Binding {
        keys: &[(Key::Code(Char('r')), Action::Recheck)],
        contexts: NOT_TYPING,
        footer: Some(entry("r", "key-recheck", STEPS, 4)),
        help: Some(("r", "help-key-recheck")),
    },
    Binding {
        keys: &[(Key::Code(Char('w')), Action::Watch)],
        contexts: NOT_TYPING,
        footer: Some(entry("w", "key-watch", STEPS, 5)),
        help: Some(("w", "help-key-watch")),
    },
    Binding {
        // Yes in either language; nothing else applies a change.
        keys: &[
            (Key::Code(Char('y')), Action::Confirm(true)),
            (Key::Code(Char('o')), Action::Confirm(true)),
        ],
        contexts: &[Fix],
        footer: Some(entry("@keys-apply", "key-apply", &[Fix], 0).kept()),
        help: Some(("@keys-apply", "help-key-apply")),
    },
    Binding {
        keys: &[
            (Key::Code(Char('n')), Action::Confirm(false)),
            (Key::Code(Esc), Action::Confirm(false)),
        ],
        contexts: &[Fix],
        footer: Some(entry("n/Esc", "key-cancel", &[Fix], 1).kept()),
        help: Some(("n, Esc", "help-key-cancel")),
    },
    Binding {
        keys: &[(Key::Code(Char('l')), Action::Language)],
        contexts: &[Settings, Steps, Practices, List, Reading],
        footer: Some(entry("l", "key-lang", &[Steps, Practices, List], 8)),
        help: Some(("l", "help-key-lang")),
    },
    Binding {
        keys: &[(Key::Code(Char('d')), Action::Details)],
        contexts: &[Settings, Steps, Practices, Reading],
        footer: Some(entry("d", "key-details", STEPS, 6)),
        help: Some(("d", "help-key-details")),
    },
    Binding {
        keys: &[(Key::Code(Char('e')), Action::Export)],
        contexts: &[Settings, Steps, Practices, Reading],
        footer: Some(entry("e", "key-export", &[Steps, Practices, Reading], 2).kept()),
        help: Some(("e", "help-key-export")),
    },
    Binding {
        keys: &[(Key::Code(Char('f')), Action::Fix)],
        contexts: STEPS,
        footer: Some(entry("f", "key-fix", STEPS, 3)),
        help: Some(("f", "help-key-fix")),
    },
    Binding {
        // The language's own letters, and the other language's too.
        keys: &[
            (Key::Code(Char('y')), Action::Answer(Some(true))),
            (Key::Code(Char('o')), Action::Answer(Some(true))),
            (Key::Code(Char('n')), Action::Answer(Some(false))),
            (Key::Code(Char('u')), Action::Answer(None)),
            (Key::Code(Char('s')), Action::Answer(None)),
        ],
        contexts: &[Practices],
        footer: Some(entry("@keys-answer", "key-answer", &[Practices], 1)),
        help: Some(("@keys-answer", "help-key-answer")),
    },
    Binding {
        keys: &[
            (Key::Code(Up), Action::Select(-1)),
            (Key::Code(Down), Action::Select(1)),
            (Key::Code(Char('k')), Action::Select(-1)),
            (Key::Code(Char('j')), Action::Select(1)),
            (Key::Code(PageUp), Action::Select(-10)),
            (Key::Code(PageDown), Action::Select(10)),
            (Key::Code(Home), Action::Select(i16::MIN)),
            (Key::Code(End), Action::Select(i16::MAX)),
            (Key::Code(Char('g')), Action::Select(i16::MIN)),
            (Key::Code(Char('G')), Action::Select(i16::MAX)),
        ],
        contexts: &[List],
        footer: Some(entry("↑↓", "key-choose", &[List], 0)),
        help: Some(("↑↓ j k Home End", "help-key-choose")),
    },
    Binding {
        keys: &[(Key::Code(Enter), Action::Open)],
        contexts: &[List],
        footer: Some(entry("Enter", "key-open", &[List], 1)),
        help: Some(("Enter", "help-key-open")),
    },
    Binding {
        keys: &[(Key::Code(Char('/')), Action::Filter)],
        contexts: &[List],
        footer: Some(entry("/", "key-filter", &[List], 2)),
        help: Some(("/", "help-key-filter")),
    },
    Binding {
        keys: &[(Key::Code(Char('s')), Action::Sort)],
        contexts: &[List],
        footer: Some(entry("s", "key-sort", &[List], 3)),
        help: Some(("s", "help-key-sort")),
    },
    Binding {
        // Typing the filter ends with Enter (kept) or Esc (emptied).
        keys: &[(Key::Code(Enter), Action::Filter)],
        contexts: &[Filter],
        footer: Some(entry("Enter", "key-filter-done", &[Filter], 0)),
        help: None,
    },
    Binding {
        keys: &[(Key::Code(Char('?')), Action::Help)],
        contexts: &[Settings, Steps, Practices, List, Reading],
        footer: Some(
            entry(
                "?",
                "key-help",
                &[Settings, Steps, Practices, List, Reading],
                9,
            )
            .kept(),
        ),
        help: Some(("?", "help-key-help")),
    },
    Binding {
        keys: &[(Key::Code(Esc), Action::Resume)],
        contexts: &[Input],
        footer: Some(entry("Esc", "key-result", &[Input], 10).kept()),
        help: Some(("Esc", "help-key-result")),
    },
    Binding {
        keys: &[(Key::Code(Esc), Action::Escape)],
        contexts: &[Input, Filter],
        footer: Some(entry("Esc", "key-quit", &[Input], 10).kept()),
        help: None,
    },
    Binding {
        keys: &[(Key::Code(Esc), Action::Escape)],
        contexts: CLOSING,
        footer: Some(entry("Esc", "key-close", CLOSING, 1).kept()),
        help: Some(("Esc", "help-key-close")),
    },
    Binding {
        // Offered only when the domain came from the list.
        keys: &[(Key::Code(Esc), Action::Escape)],
        contexts: &[Settings, Steps, Practices, List],
        footer: Some(entry("Esc", "key-list", &[Settings, Steps, Practices], 1).kept()),
        help: Some(("Esc", "help-key-list")),
    },
    Binding {
        keys: &[
            (Key::Code(Char('q')), Action::Quit),
            (Key::Ctrl('c'), Action::Interrupt),
            (Key::Ctrl('d'), Action::Quit),
        ],
        contexts: EVERYWHERE,
        footer: Some(
            entry(
                "q",
                "key-quit",
                &[Settings, Steps, Practices, List, FixShown, Reading],
                10,
            )
            .kept(),
        ),
        help: Some(("q, Ctrl-C/D", "help-key-quit")),
    },
];

/// The action `event` asks for here, if any. Where text is typed, a
/// plain `q` is a letter, not a key.
pub(crate) fn action(context: Context, event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let pressed = match event.code {
        Char(c) if ctrl => Key::Ctrl(c),
        code => Key::Code(code),
    };
    let typing = matches!(context, Input | Filter);
    KEYS.iter()
        .filter(|b| b.contexts.contains(&context))
        .flat_map(|b| b.keys.iter())
        .find(|(key, action)| *key == pressed && !(typing && *action == Action::Quit && !ctrl))
        .map(|(_, action)| *action)
}

/// The footer's entries here, in order: those `offered` says work now,
/// the scroll keys only when the screen has more than it shows.
pub(crate) fn footer(
    context: Context,
    scrolling: bool,
    offered: impl Fn(Action) -> bool,
) -> Vec<&'static Footer> {
    let mut entries: Vec<&Footer> = KEYS
        .iter()
        .filter(|b| b.keys.first().is_some_and(|(_, a)| offered(*a)))
        .filter_map(|b| b.footer.as_ref())
        .filter(|f| f.contexts.contains(&context) && (scrolling || !f.when_scrolling))
        .collect();
    entries.sort_by_key(|f| f.rank);
    entries
}

/// Keys as a person reads them in `loc`'s language: `@id` is a message
/// of its own (the answer letters differ), and named keys are translated.
pub(crate) fn label(loc: &crate::present::i18n::Localizer, keys: &str) -> String {
    if let Some(id) = keys.strip_prefix('@') {
        return loc.msg(id, &[]);
    }
    [
        ("Enter", "keyname-enter"),
        ("Esc", "keyname-esc"),
        ("PgUp", "keyname-pgup"),
        ("PgDn", "keyname-pgdn"),
        ("Home", "keyname-home"),
        ("End", "keyname-end"),
    ]
    .iter()
    .fold(keys.to_string(), |text, (name, id)| {
        text.replace(name, &loc.msg(id, &[]))
    })
}

/// The help overlay's lines: the keys of `here` that `offered` says work
/// now come first, then the others (`false`), each part in the table's
/// order.
pub(crate) fn help(
    here: Context,
    offered: impl Fn(Action) -> bool,
) -> Vec<(bool, &'static str, &'static str)> {
    let current = |b: &Binding| {
        b.contexts.contains(&here) && b.keys.first().is_some_and(|(_, a)| offered(*a))
    };
    let mut lines: Vec<(bool, &str, &str)> = vec![];
    for b in KEYS {
        if let Some((keys, id)) = b.help {
            // A key listed twice (Esc) keeps its first place.
            if !lines.iter().any(|(_, _, i)| *i == id) {
                lines.push((!current(b), keys, id));
            }
        }
    }
    // Stable: each part keeps the table's order.
    lines.sort_by_key(|(later, ..)| *later);
    lines
        .into_iter()
        .map(|(later, k, i)| (!later, k, i))
        .collect()
}
