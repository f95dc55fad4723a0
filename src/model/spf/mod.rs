//! SPF (RFC 7208): the record's grammar, its macros, and `check_host()`,
//! the evaluation receivers make. The older `costs` reading of a record,
//! term by term, is what gathering follows to ask ahead of time.

pub(crate) mod eval;
pub(crate) mod macros;
pub(crate) mod parse;

pub(crate) use parse::is_spf;

/// A term that makes the receiver ask DNS, with the name it asks about
/// when the record names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Cost {
    Include(String),
    Redirect(String),
    /// `a`, or `a:domain`.
    A(Option<String>),
    /// `mx`, or `mx:domain`: one lookup, whatever the number of hosts.
    Mx(Option<String>),
    Ptr,
    /// `exists:domain`; `None` when the domain has macros, which only the
    /// receiver can expand.
    Exists(Option<String>),
}

impl Cost {
    /// The term as a record writes it.
    pub(crate) fn term(&self) -> String {
        let with = |name: &str, d: &Option<String>| match d {
            Some(d) => format!("{name}:{d}"),
            None => name.to_string(),
        };
        match self {
            Self::Include(d) => format!("include:{d}"),
            Self::Redirect(d) => format!("redirect={d}"),
            Self::A(d) => with("a", d),
            Self::Mx(d) => with("mx", d),
            Self::Ptr => "ptr".into(),
            Self::Exists(d) => with("exists", d),
        }
    }
}

/// The costly terms of `record`, in order; `record` starts with `v=spf1`.
pub(crate) fn costs(record: &str) -> Vec<Cost> {
    record
        .split(' ')
        .filter(|t| !t.is_empty())
        .skip(1)
        .filter_map(cost)
        .collect()
}

fn cost(term: &str) -> Option<Cost> {
    let term = term.trim_start_matches(['+', '-', '~', '?']);
    if let Some((name, value)) = term.split_once('=') {
        return if name.eq_ignore_ascii_case("redirect") {
            domain(value).map(Cost::Redirect)
        } else {
            None
        };
    }
    let (name, rest) = match term.find([':', '/']) {
        Some(i) => term.split_at(i),
        None => (term, ""),
    };
    let named = rest
        .strip_prefix(':')
        .map(|r| r.split('/').next().unwrap_or_default())
        .and_then(domain);
    match name.to_ascii_lowercase().as_str() {
        "include" => named.map(Cost::Include),
        "a" => Some(Cost::A(named)),
        "mx" => Some(Cost::Mx(named)),
        "ptr" => Some(Cost::Ptr),
        "exists" => Some(Cost::Exists(named)),
        _ => None,
    }
}

/// A domain to ask about, lower-cased; none when it holds macros or is empty.
fn domain(text: &str) -> Option<String> {
    let d = text.trim_end_matches('.').to_ascii_lowercase();
    (!d.is_empty() && !d.contains('%')).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::{Cost, costs};

    #[test]
    fn the_terms_that_cost_a_lookup() {
        assert_eq!(
            costs(
                "v=spf1 ip4:192.0.2.1 include:_spf.Example.com a mx:mail.example.com/24 ptr exists:%{i}.x.example ~all redirect=other.example"
            ),
            [
                Cost::Include("_spf.example.com".into()),
                Cost::A(None),
                Cost::Mx(Some("mail.example.com".into())),
                Cost::Ptr,
                Cost::Exists(None),
                Cost::Redirect("other.example".into()),
            ]
        );
        assert!(costs("v=spf1 ip6:2001:db8::/32 -all").is_empty());
    }
}
