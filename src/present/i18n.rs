//! Words: Fluent bundles for English and French.

use std::borrow::Cow;
use std::cell::{RefCell, RefMut};

use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use foldhash::{HashMap, HashMapExt};

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
    /// The terms that are plain text, by name (without the `-`), as the
    /// quick reading says them.
    terms: Vec<(String, String)>,
}

/// How often a message's references are parsed and the message said
/// again: a message naming a message naming another is two.
const REFERENCE_ROUNDS: usize = 4;

impl Parsed {
    fn new(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new(vec![lang.langid()]);
        // Isolation marks (U+2068/U+2069) would land in terminals and reports.
        bundle.set_use_isolating(false);
        let unparsed = entries(lang);
        let terms = plain_terms(&unparsed);
        Self {
            bundle,
            unparsed,
            terms,
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

    /// `id` (or its attribute `attr`) said by Fluent's resolver, the
    /// entries it names parsed as it finds them.
    fn fluent(&mut self, id: &str, attr: Option<&str>, args: &Args) -> Option<String> {
        // Every line of a report comes through here: the arguments are
        // borrowed, and the list is sized once.
        let mut fargs = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            let text: &str = v.as_ref();
            let value = number(text).map_or_else(|| FluentValue::from(text), FluentValue::from);
            fargs.set(*k, value);
        }
        let mut round = 0;
        loop {
            let message = self.bundle.get_message(id)?;
            let pattern = match attr {
                Some(a) => message.get_attribute(a)?.value(),
                None => message.value()?,
            };
            let mut errors = vec![];
            let text = self
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
                .filter(|id| self.unparsed.contains_key(id.as_str()))
                .collect();
            round += 1;
            if waiting.is_empty() || round == REFERENCE_ROUNDS {
                return Some(text);
            }
            for id in &waiting {
                self.load(id);
            }
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
        file_entries(text, &mut out);
    }
    out
}

/// One file's entries into `out`. The lines are found with `memchr`: cut
/// a character at a time, the files took more to index than a one-domain
/// report takes to say.
fn file_entries(text: &'static str, out: &mut HashMap<&'static str, &'static str>) {
    let mut current: Option<(&'static str, usize)> = None;
    let starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    for at in starts {
        if let Some(id) = entry_id(text, at) {
            if let Some((previous, from)) = current.take()
                && let Some(entry) = text.get(from..at)
            {
                out.insert(previous, entry);
            }
            current = Some((id, at));
        }
    }
    if let Some((last, from)) = current
        && let Some(entry) = text.get(from..)
    {
        out.insert(last, entry);
    }
}

/// Each term among `entries` that is text alone, with its text: a
/// handful, parsed at once, so that the lines naming them are said
/// quickly too.
fn plain_terms(entries: &HashMap<&'static str, &'static str>) -> Vec<(String, String)> {
    let mut out = vec![];
    for (id, text) in entries.iter().filter(|(id, _)| id.starts_with('-')) {
        let resource =
            FluentResource::try_new((*text).to_string()).unwrap_or_else(|(partial, _)| partial);
        for entry in resource.entries() {
            let Entry::Term(term) = entry else { continue };
            let mut plain = String::new();
            let all_text = term.value.elements.iter().all(|e| match e {
                PatternElement::TextElement { value } => {
                    plain.push_str(value);
                    true
                }
                PatternElement::Placeable { .. } => false,
            });
            if all_text && id.get(1..) == Some(term.id.name) {
                out.push((term.id.name.to_string(), plain));
            }
        }
    }
    out
}

/// The identifier the line starting at `at` begins an entry with, `-`
/// included for a term. Read as bytes: an identifier is ASCII, and the
/// first byte of any other character ends it.
fn entry_id(text: &'static str, at: usize) -> Option<&'static str> {
    let rest = text.as_bytes().get(at..)?;
    let first = *rest.first()?;
    if !(first.is_ascii_alphabetic() || first == b'-') {
        return None;
    }
    let len = rest
        .iter()
        .skip(1)
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .map_or(rest.len(), |i| i + 1);
    text.get(at..at + len)
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

    /// Reads the locale files' index now, when nothing else is to be done,
    /// rather than at the first message said.
    pub(crate) fn prime(&self) {
        drop(self.parsed());
    }

    /// What is parsed so far, the index read on first use.
    fn parsed(&self) -> RefMut<'_, Parsed> {
        RefMut::map(self.words.borrow_mut(), |w| {
            w.get_or_insert_with(|| Parsed::new(self.lang))
        })
    }

    pub fn has(&self, id: &str) -> bool {
        let mut parsed = self.parsed();
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
        let mut parsed = self.parsed();
        parsed.load(id);
        let message = parsed.bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut text = String::with_capacity(QUICK_ROOM);
        if quick(pattern, args, &parsed.terms, &mut text, QUICK_DEPTH) {
            return Some(text);
        }
        parsed.fluent(id, attr, args)
    }
}

/// Room for a line of a report: most are shorter, so it is written with
/// no copy on the way.
const QUICK_ROOM: usize = 160;

/// How deep selections may nest in [`quick`]: deeper, Fluent says it.
const QUICK_DEPTH: u8 = 4;

/// `pattern` said into `out` without Fluent's resolver, when all it holds
/// is text, arguments given as text, and selections on them: what the
/// resolver would write, with no isolation marks, as the bundle is set.
/// False, with `out` partly written, for anything else (a number, a
/// missing argument, a reference, a function, too many placeables): the
/// resolver says those. A report's lines are nearly all of the first kind,
/// and the resolver's scope, sorted arguments and growing result cost
/// several times the writing.
fn quick(
    pattern: &Pattern<&str>,
    args: &Args,
    terms: &[(String, String)],
    out: &mut String,
    depth: u8,
) -> bool {
    // The resolver stops at this many placeables in one message.
    const MAX_PLACEABLES: usize = 100;
    let placeables = pattern
        .elements
        .iter()
        .filter(|e| matches!(e, PatternElement::Placeable { .. }))
        .count();
    if placeables >= MAX_PLACEABLES {
        return false;
    }
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => match text_arg(args, id.name) {
                Some(text) => out.push_str(text),
                None => return false,
            },
            // A term that is text alone, named with no arguments.
            PatternElement::Placeable {
                expression:
                    Expression::Inline(InlineExpression::TermReference {
                        id,
                        attribute: None,
                        arguments: None,
                    }),
            } => match terms.iter().find(|(name, _)| name == id.name) {
                Some((_, text)) => out.push_str(text),
                None => return false,
            },
            PatternElement::Placeable {
                expression:
                    Expression::Select {
                        selector: InlineExpression::VariableReference { id },
                        variants,
                    },
            } => {
                let Some(chosen) = text_arg(args, id.name) else {
                    return false;
                };
                // A name key matches the text; a number key never matches
                // text; no match, the default.
                let variant = variants
                    .iter()
                    .find(|v| matches!(v.key, VariantKey::Identifier { name } if name == chosen))
                    .or_else(|| variants.iter().find(|v| v.default));
                match variant {
                    Some(v) if depth > 0 && quick(&v.value, args, terms, out, depth - 1) => {}
                    _ => return false,
                }
            }
            PatternElement::Placeable { .. } => return false,
        }
    }
    true
}

/// The argument `key` as text, as [`Localizer::format`] hands it to
/// Fluent: the last one given under that key, and none when it reads as
/// a number, which Fluent says its own way.
fn text_arg<'a>(args: &'a Args, key: &str) -> Option<&'a str> {
    let (_, value) = args.iter().rev().find(|(k, _)| *k == key)?;
    let text: &str = value.as_ref();
    number(text).is_none().then_some(text)
}

/// An argument written as a plain integer, which Fluent is handed as a
/// number so that plurals work.
fn number(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|n| n.to_string() == text)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};
    use proptest::prelude::*;

    use super::{Parsed, QUICK_DEPTH, SOURCES, entries, file_entries, quick};

    /// The variables a pattern names and the keys it selects on, at any depth.
    fn named(pattern: &Pattern<&str>, vars: &mut Vec<String>, keys: &mut Vec<String>) {
        for element in &pattern.elements {
            let PatternElement::Placeable { expression } = element else {
                continue;
            };
            let selector = match expression {
                Expression::Inline(inline) => inline,
                Expression::Select { selector, variants } => {
                    for v in variants {
                        if let VariantKey::Identifier { name } = v.key {
                            keys.push(name.to_string());
                        }
                        named(&v.value, vars, keys);
                    }
                    selector
                }
            };
            if let InlineExpression::VariableReference { id } = selector {
                vars.push(id.name.to_string());
            }
        }
    }

    /// A message or attribute: its id, the attribute, the variables and
    /// the keys it names.
    type Case = (String, Option<String>, Vec<String>, Vec<String>);

    /// Every message and attribute of both languages, each with the
    /// variables and keys it names, every entry parsed.
    fn patterns() -> Vec<(Parsed, Vec<Case>)> {
        SOURCES
            .iter()
            .map(|(lang, _)| {
                let mut parsed = Parsed::new(*lang);
                let ids: Vec<&str> = entries(*lang).into_keys().collect();
                for id in &ids {
                    parsed.load(id);
                }
                let mut cases = vec![];
                for id in ids.iter().filter(|id| !id.starts_with('-')) {
                    let Some(message) = parsed.bundle.get_message(id) else {
                        continue;
                    };
                    let mut each = vec![(None, message.value())];
                    each.extend(
                        message
                            .attributes()
                            .map(|a| (Some(a.id()), Some(a.value()))),
                    );
                    for (attr, pattern) in each {
                        let Some(pattern) = pattern else { continue };
                        let (mut vars, mut keys) = (vec![], vec![]);
                        named(pattern, &mut vars, &mut keys);
                        cases.push((id.to_string(), attr.map(str::to_string), vars, keys));
                    }
                }
                (parsed, cases)
            })
            .collect()
    }

    /// The index as it was: lines cut a character at a time, each read
    /// as a string.
    fn cut_by_characters(text: &'static str) -> foldhash::HashMap<&'static str, &'static str> {
        let entry_id = |line: &'static str| {
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
        };
        let mut out = foldhash::HashMap::default();
        let mut current: Option<(&'static str, usize)> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if let Some(id) = entry_id(line) {
                if let Some((previous, from)) = current.take() {
                    out.insert(previous, text.get(from..at).unwrap_or_default());
                }
                current = Some((id, at));
            }
            at += line.len();
        }
        if let Some((last, from)) = current {
            out.insert(last, text.get(from..).unwrap_or_default());
        }
        out
    }

    proptest! {
        /// Lines of messages, terms, attributes, comments, braces, blanks,
        /// accented text and characters of any kind: the same entries as
        /// when the lines are cut a character at a time.
        #[test]
        fn the_index_is_the_character_by_character_one(
            lines in prop::collection::vec(
                prop_oneof![
                    Just("id = text".to_string()),
                    Just("id-2_b = { $x }".to_string()),
                    Just("-term = Texte".to_string()),
                    Just("    .attr = value".to_string()),
                    Just("# a comment".to_string()),
                    Just("}".to_string()),
                    Just(String::new()),
                    Just("é-début = x".to_string()),
                    Just("a".to_string()),
                    ".{0,12}",
                ],
                0..20,
            ),
            last_newline in any::<bool>(),
        ) {
            let mut text = lines.join("\n");
            if last_newline {
                text.push('\n');
            }
            let text: &'static str = Box::leak(text.into_boxed_str());
            let mut ours = foldhash::HashMap::default();
            file_entries(text, &mut ours);
            prop_assert_eq!(ours, cut_by_characters(text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Every message of both languages, with arguments missing, given
        /// as text, as a key it selects on, or as a number: whatever the
        /// quick reading says, Fluent's resolver says the same.
        #[test]
        fn a_message_said_quickly_is_what_fluent_says(
            pool in prop::collection::vec((0u8..4, "[a-z {}$0-9.é-]{0,12}"), 16),
        ) {
            let mut quick_ones = 0;
            for (mut parsed, cases) in patterns() {
                for (c, (id, attr, vars, keys)) in cases.iter().enumerate() {
                    let mut args: Vec<(&str, Cow<str>)> = vec![];
                    for (j, var) in vars.iter().enumerate() {
                        let Some((kind, text)) = pool.get((c * 7 + j * 3) % pool.len()) else {
                            continue;
                        };
                        let value = match kind {
                            0 => continue,
                            1 => text.clone(),
                            2 if !keys.is_empty() => keys.get(text.len() % keys.len()).cloned().unwrap_or_default(),
                            _ => text.len().to_string(),
                        };
                        args.push((var.as_str(), Cow::Owned(value)));
                    }
                    let message = parsed.bundle.get_message(id).unwrap();
                    let pattern = match attr {
                        Some(a) => message.get_attribute(a).unwrap().value(),
                        None => message.value().unwrap(),
                    };
                    let mut said = String::new();
                    if quick(pattern, &args, &parsed.terms, &mut said, QUICK_DEPTH) {
                        quick_ones += 1;
                        let fluent = parsed.fluent(id, attr.as_deref(), &args);
                        prop_assert_eq!(Some(said), fluent, "{} {:?} {:?}", id, attr, args);
                    }
                }
            }
            prop_assert!(quick_ones > 0);
        }
    }

    /// A report's most common lines are said quickly; a count, which
    /// Fluent writes and selects on as a number, is left to it.
    #[test]
    fn report_lines_are_said_quickly_and_numbers_by_fluent() {
        for (lang, _) in SOURCES {
            let mut parsed = Parsed::new(lang);
            for id in ["mail-client-proxied", "dmarc-missing", "summary"] {
                parsed.load(id);
            }
            let value = |id: &str| parsed.bundle.get_message(id).unwrap().value().unwrap();
            let terms = &parsed.terms;
            assert_eq!(terms.len(), 2, "{terms:?}");
            let host = [
                ("host", Cow::Borrowed("imap.example.com")),
                ("address", Cow::Borrowed("104.16.5.5")),
                ("use", Cow::Borrowed("mail")),
                ("brand", Cow::Borrowed("Cloudflare")),
            ];
            let mut said = String::new();
            assert!(quick(
                value("mail-client-proxied"),
                &host,
                terms,
                &mut said,
                QUICK_DEPTH
            ));
            for part in ["imap.example.com", "Cloudflare", "104.16.5.5"] {
                assert!(said.contains(part), "{said}");
            }
            let domain = [("domain", Cow::Borrowed("example.com"))];
            assert!(quick(
                value("dmarc-missing"),
                &domain,
                terms,
                &mut String::new(),
                QUICK_DEPTH
            ));
            let counts = [
                ("errors", Cow::Borrowed("2")),
                ("warnings", Cow::Borrowed("1")),
            ];
            assert!(!quick(
                value("summary"),
                &counts,
                terms,
                &mut String::new(),
                QUICK_DEPTH
            ));
        }
    }
}
