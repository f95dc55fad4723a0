//! The names a mail program or its autoconfiguration uses besides the MX:
//! the article's rule, "mail records are not proxied", covers them too.

use crate::model::evidence::{QType, under};

/// What a name carries, which decides whether the proxy breaks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClientUse {
    /// IMAP, POP, SMTP submission: not HTTP, which is all the proxy carries.
    Mail,
    /// Autodiscover and autoconfig: HTTPS, which goes through the proxy.
    Autoconfig,
}

impl ClientUse {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Self::Mail => "mail",
            Self::Autoconfig => "autoconfig",
        }
    }
}

/// Host names under the domain, by their first label.
pub(crate) const CLIENT_NAMES: &[(&str, ClientUse)] = &[
    ("imap", ClientUse::Mail),
    ("pop", ClientUse::Mail),
    ("pop3", ClientUse::Mail),
    ("smtp", ClientUse::Mail),
    ("submission", ClientUse::Mail),
    ("mail", ClientUse::Mail),
    ("autodiscover", ClientUse::Autoconfig),
    ("autoconfig", ClientUse::Autoconfig),
];

/// Service records (RFC 6186, and Microsoft's autodiscover) under the domain.
pub(crate) const CLIENT_SERVICES: &[(&str, ClientUse)] = &[
    ("_imaps._tcp", ClientUse::Mail),
    ("_submission._tcp", ClientUse::Mail),
    ("_submissions._tcp", ClientUse::Mail),
    ("_pop3s._tcp", ClientUse::Mail),
    ("_autodiscover._tcp", ClientUse::Autoconfig),
];

/// What is asked about these names, by the labels under the domain: each
/// name's address (the proxy answers with both families, so one is enough)
/// and each service record.
pub(crate) fn asks() -> impl Iterator<Item = (&'static str, QType)> {
    CLIENT_NAMES
        .iter()
        .map(|(label, _)| (*label, QType::A))
        .chain(
            CLIENT_SERVICES
                .iter()
                .map(|(service, _)| (*service, QType::SRV)),
        )
}

/// The same questions, about the names under `apex`.
pub(crate) fn questions(apex: &str) -> Vec<(String, QType)> {
    asks()
        .map(|(label, qtype)| (under(label, apex), qtype))
        .collect()
}
