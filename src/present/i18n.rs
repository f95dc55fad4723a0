//! Words: Fluent bundles for English and French.

use std::borrow::Cow;

use std::cell::RefCell;
use std::collections::HashMap;

use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};

use crate::model::lang::Lang;

/// Every locale file, per language, in the order they are loaded.
pub const SOURCES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("main.ftl", include_str!("../../locales/en/main.ftl")),
            (
                "findings.ftl",
                include_str!("../../locales/en/findings.ftl"),
            ),
        ],
    ),
    (
        Lang::Fr,
        &[
            ("main.ftl", include_str!("../../locales/fr/main.ftl")),
            (
                "findings.ftl",
                include_str!("../../locales/fr/findings.ftl"),
            ),
        ],
    ),
];

/// A language's messages, each parsed when it is first asked for. A
/// one-domain check says a few dozen of the files' hundreds: parsing them
/// all, on a thread started at launch, cost a millisecond of CPU that the
/// check's own work and the servers it talks to wait for on a small
/// machine.
pub struct Localizer {
    lang: Lang,
    words: RefCell<Option<Parsed>>,
}

/// Message arguments; a value written as a plain integer is passed as a
/// number, so plurals work.
pub(crate) type Args<'a> = [(&'a str, Cow<'a, str>)];

/// What is parsed so far, and where the rest is.
struct Parsed {
    bundle: FluentBundle<FluentResource>,
    /// Each entry not parsed yet (a message with its attributes, or a
    /// term, by `-` and its name), by id: its text in the locale file.
    unparsed: HashMap<&'static str, &'static str>,
}

/// How often a message's references are parsed and the message said
/// again: a message naming a message naming another is two.
const REFERENCE_ROUNDS: usize = 4;

impl Parsed {
    fn new(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new(vec![lang.langid()]);
        // Isolation marks (U+2068/U+2069) would land in terminals and reports.
        bundle.set_use_isolating(false);
        Self {
            bundle,
            unparsed: entries(lang),
        }
    }

    /// Parses `id`'s entry if it is still waiting. The files are checked by
    /// the tests (every language has them, they parse, no id twice): what
    /// follows never panics, it keeps whatever parsed.
    fn load(&mut self, id: &str) {
        if let Some(text) = self.unparsed.remove(id) {
            let resource =
                FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
            self.bundle.add_resource_overriding(resource);
        }
    }
}

/// Where each entry of `lang`'s files starts and ends. An entry starts on
/// a line that begins with its identifier (a message) or with `-` (a
/// term); every other line (indented, blank, a comment, a closing brace)
/// belongs to the entry before it. A later file's entry overrides an
/// earlier one's, as the bundle would.
fn entries(lang: Lang) -> HashMap<&'static str, &'static str> {
    let files = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, files)| *files);
    // Sized for both files' entries at once: grown from empty, the map
    // was rebuilt eight times before the first message was said.
    let lines: usize = files.iter().map(|(_, text)| text.len() / 64).sum();
    let mut out = HashMap::with_capacity(lines);
    for (_, text) in files {
        let mut current: Option<(&'static str, usize)> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if let Some(id) = entry_id(line) {
                if let Some((previous, from)) = current.take()
                    && let Some(entry) = text.get(from..at)
                {
                    out.insert(previous, entry);
                }
                current = Some((id, at));
            }
            at += line.len();
        }
        if let Some((last, from)) = current
            && let Some(entry) = text.get(from..)
        {
            out.insert(last, entry);
        }
    }
    out
}

/// The identifier a line starts an entry with, `-` included for a term.
fn entry_id(line: &'static str) -> Option<&'static str> {
    let first = line.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '-') {
        return None;
    }
    let end = line
        .char_indices()
        .skip(1)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        .map_or(line.len(), |(i, _)| i);
    line.get(..end)
}

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            words: RefCell::new(None),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        let mut words = self.words.borrow_mut();
        let parsed = words.get_or_insert_with(|| Parsed::new(self.lang));
        parsed.load(id);
        parsed.bundle.has_message(id)
    }

    /// The message `id`; its id itself if missing, so a gap shows but never breaks.
    pub fn msg(&self, id: &str, args: &Args) -> String {
        self.format(id, None, args)
            .unwrap_or_else(|| id.to_string())
    }

    pub fn attr(&self, id: &str, attr: &str, args: &Args) -> String {
        self.format(id, Some(attr), args)
            .unwrap_or_else(|| format!("{id}.{attr}"))
    }

    fn format(&self, id: &str, attr: Option<&str>, args: &Args) -> Option<String> {
        let mut words = self.words.borrow_mut();
        let parsed = words.get_or_insert_with(|| Parsed::new(self.lang));
        parsed.load(id);
        // Every line of a report comes through here: the arguments are
        // borrowed, and the list is sized once.
        let mut fargs = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            let text: &str = v.as_ref();
            let value = match text.parse::<i64>() {
                Ok(n) if n.to_string() == text => FluentValue::from(n),
                _ => FluentValue::from(text),
            };
            fargs.set(*k, value);
        }
        let mut round = 0;
        loop {
            let message = parsed.bundle.get_message(id)?;
            let pattern = match attr {
                Some(a) => message.get_attribute(a)?.value(),
                None => message.value()?,
            };
            let mut errors = vec![];
            let text = parsed
                .bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
            // A message or term it names that is not parsed yet: parsed,
            // and the message said again.
            let waiting: Vec<String> = errors
                .iter()
                .filter_map(|e| match e {
                    FluentError::ResolverError(ResolverError::Reference(
                        ReferenceKind::Message { id, .. },
                    )) => Some(id.clone()),
                    FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Term {
                        id,
                        ..
                    })) => Some(format!("-{id}")),
                    _ => None,
                })
                .filter(|id| parsed.unparsed.contains_key(id.as_str()))
                .collect();
            round += 1;
            if waiting.is_empty() || round == REFERENCE_ROUNDS {
                return Some(text);
            }
            for id in &waiting {
                parsed.load(id);
            }
        }
    }
}
