//! Words: Fluent bundles for English and French.

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

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

/// A language's messages. Parsing its files takes longer than anything
/// else before the first lookup, and nothing is said until much later: a
/// thread started with the localizer parses them, and the first message
/// waits for it.
pub struct Localizer {
    lang: Lang,
    bundle: std::cell::OnceCell<FluentBundle<FluentResource>>,
    parsing: std::cell::Cell<Option<std::thread::JoinHandle<Vec<FluentResource>>>>,
}

/// Message arguments; a value written as a plain integer is passed as a
/// number, so plurals work.
pub(crate) type Args<'a> = [(&'a str, Cow<'a, str>)];

/// `lang`'s locale files, parsed. The files are checked by the tests
/// (every language has them, they parse, no id twice): what follows never
/// panics, it keeps whatever parsed.
fn parse(lang: Lang) -> Vec<FluentResource> {
    let files = SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, files)| *files);
    files
        .iter()
        .map(|(_, text)| {
            FluentResource::try_new((*text).to_string()).unwrap_or_else(|(partial, _)| partial)
        })
        .collect()
}

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        // A thread that cannot start leaves the parsing to the first message.
        let parsing = std::thread::Builder::new()
            .name("locale".into())
            .spawn(move || parse(lang))
            .ok();
        Self {
            lang,
            bundle: std::cell::OnceCell::new(),
            parsing: std::cell::Cell::new(parsing),
        }
    }

    fn bundle(&self) -> &FluentBundle<FluentResource> {
        self.bundle.get_or_init(|| {
            let resources = self
                .parsing
                .take()
                .and_then(|thread| thread.join().ok())
                .unwrap_or_else(|| parse(self.lang));
            let mut bundle = FluentBundle::new(vec![self.lang.langid()]);
            // Isolation marks (U+2068/U+2069) would land in terminals and reports.
            bundle.set_use_isolating(false);
            for resource in resources {
                bundle.add_resource_overriding(resource);
            }
            bundle
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle().has_message(id)
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
        let bundle = self.bundle();
        let message = bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
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
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        Some(text.into_owned())
    }
}
