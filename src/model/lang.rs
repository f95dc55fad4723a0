//! The languages mxdoctor speaks, and how one is chosen from what the user
//! or the environment asks for.

use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::{LanguageIdentifier, langid};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn id(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    pub fn langid(self) -> LanguageIdentifier {
        match self {
            Self::En => langid!("en"),
            Self::Fr => langid!("fr"),
        }
    }

    #[must_use]
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

    /// `LC_ALL`, else `LC_MESSAGES`, else LANG; English when none is set or known.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&get)
            .find(|v| !v.is_empty())
            .and_then(|v| Self::parse(&v))
            .unwrap_or(Self::En)
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
