//! Words: Fluent bundles for English and French, and how the language is chosen.

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::{LanguageIdentifier, langid};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

/// Every locale file, per language, in the order they are loaded.
pub const SOURCES: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("main.ftl", include_str!("../locales/en/main.ftl")),
            ("findings.ftl", include_str!("../locales/en/findings.ftl")),
        ],
    ),
    (
        Lang::Fr,
        &[
            ("main.ftl", include_str!("../locales/fr/main.ftl")),
            ("findings.ftl", include_str!("../locales/fr/findings.ftl")),
        ],
    ),
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn id(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Self::En => langid!("en"),
            Self::Fr => langid!("fr"),
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::En => Self::Fr,
            Self::Fr => Self::En,
        }
    }

    /// `en`, `fr`, or anything a locale variable may hold (`fr_FR.UTF-8`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .replace('_', "-");
        if text.is_empty() {
            return None;
        }
        if text == "C" || text == "POSIX" {
            return Some(Self::En);
        }
        let requested: LanguageIdentifier = text.parse().ok()?;
        let available = Self::ALL.map(Self::langid);
        let chosen = negotiate_languages(
            &[requested],
            &available,
            None,
            NegotiationStrategy::Filtering,
        );
        let first = chosen.first()?;
        Self::ALL.into_iter().find(|l| l.langid() == **first)
    }

    /// LC_ALL, else LC_MESSAGES, else LANG; English when none is set or known.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&get)
            .find(|v| !v.is_empty())
            .and_then(|v| Self::parse(&v))
            .unwrap_or(Self::En)
    }
}

pub struct Localizer {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

/// Message arguments; a value written as a plain integer is passed as a
/// number, so plurals work.
pub type Args<'a> = [(&'a str, Cow<'a, str>)];

impl Localizer {
    pub fn new(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new(vec![lang.langid()]);
        // Isolation marks (U+2068/U+2069) would land in terminals and reports.
        bundle.set_use_isolating(false);
        let (_, files) = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language has files");
        for (_, text) in files.iter() {
            let resource =
                FluentResource::try_new(text.to_string()).expect("locale files parse (tested)");
            bundle
                .add_resource(resource)
                .expect("no message is defined twice (tested)");
        }
        Self { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
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
        let message = self.bundle.get_message(id)?;
        let pattern = match attr {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            let value = match v.parse::<i64>() {
                Ok(n) if n.to_string() == *v => FluentValue::from(n),
                _ => FluentValue::from(v.to_string()),
            };
            fargs.set(*k, value);
        }
        let mut errors = vec![];
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        Some(text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::from_env(env(&[("LANG", "fr_CA")])), Lang::Fr);
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "C"), ("LANG", "fr_FR.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "fr_BE"),
                ("LANG", "en_US")
            ])),
            Lang::Fr
        );
        assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "POSIX")])), Lang::En);
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse("klingon-xx-yy-zz"), None);
    }
}
