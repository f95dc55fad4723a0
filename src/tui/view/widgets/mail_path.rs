//! The mail path: MX → host → address → proxied or DNS only, then port 25,
//! with the broken link in red.

use std::net::IpAddr;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::judge::{AddressKind, address_kind};
use crate::model::evidence::{Data, HostName, Lookup, QType};
use crate::model::evidence::{Probe, TlsCheck};
use crate::model::exchange::{self, ExchangeKind};
use crate::model::finding::{Arg, Code};
use crate::model::sanitize::clean;
use crate::present::cells::ProbeCells;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::view::chrome::{t, titled};
use crate::tui::view::fit::cells;
use crate::tui::view::fit::{Scrolled, boxed, fit, fit_line};

pub(crate) struct MailPath<'a> {
    app: &'a App,
    theme: Theme,
    lines: Vec<Line<'static>>,
}

impl<'a> MailPath<'a> {
    /// The path in a box `width` wide, or nothing when `shown` is false
    /// or the MX is not in.
    pub(crate) fn new(app: &'a App, theme: Theme, shown: bool, width: u16) -> Self {
        // Inside the borders, the last column left blank.
        let room = usize::from(width.saturating_sub(3));
        let lines = if shown {
            chain_lines(app, theme)
                .into_iter()
                .flat_map(|l| hop_lines(l, room))
                .collect()
        } else {
            vec![]
        };
        Self { app, theme, lines }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Lines plus borders, or nothing.
    pub(crate) fn height(&self) -> u16 {
        if self.lines.is_empty() {
            0
        } else {
            cells(self.lines.len()).saturating_add(2)
        }
    }
}

impl Widget for MailPath<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        boxed(
            self.app,
            self.lines,
            titled(self.app, self.theme, "wiz-chain"),
            Scrolled::Fixed,
            area,
            buf,
        );
    }
}

/// One path on as many lines as `room` needs, broken before a " → " so
/// no hop is cut; a continuation starts under the first hop when that
/// leaves room, and a single hop too long for a line ends in "…".
fn hop_lines(line: Line<'static>, room: usize) -> Vec<Line<'static>> {
    let mut hops: Vec<Vec<Span<'static>>> = vec![];
    for span in line.spans {
        match hops.last_mut() {
            Some(hop) if span.content != " → " => hop.push(span),
            _ => hops.push(vec![span]),
        }
    }
    let width = |hop: &[Span]| hop.iter().map(Span::width).sum::<usize>();
    let indent = hops.first().map_or(0, |h| width(h));
    let indent = if indent * 2 < room { indent } else { 4 };
    // A host's second address starts under the first one's arrow; when
    // that is too far right, it starts where continuations do.
    if let Some(first) = hops.first_mut()
        && first.iter().all(|s| s.content.trim().is_empty())
    {
        *first = vec![Span::raw(" ".repeat(indent))];
    }
    let mut out: Vec<Vec<Span<'static>>> = vec![];
    let mut used = 0;
    for hop in hops {
        let w = width(&hop);
        match out.last_mut() {
            Some(current) if used + w <= room => {
                current.extend(hop);
                used += w;
            }
            Some(current) => {
                // A line of indent alone (a host's second address) is
                // not kept empty.
                if current.iter().all(|s| s.content.trim().is_empty()) {
                    out.pop();
                }
                // A hop that fits no indented line starts nearer the edge.
                let lead = if indent + w <= room {
                    indent
                } else {
                    4.min(indent)
                };
                let hop = squeeze(hop, room.saturating_sub(lead));
                used = lead + width(&hop);
                let mut next = vec![Span::raw(" ".repeat(lead))];
                next.extend(hop);
                out.push(next);
            }
            None => {
                let hop = squeeze(hop, room);
                used = width(&hop);
                out.push(hop);
            }
        }
    }
    out.into_iter()
        .map(|spans| fit_line(Line::from(spans), room))
        .collect()
}

/// A hop in `room` columns: its verdict (the last span, with its mark)
/// kept whole, the longest span before it cut to end in "…".
fn squeeze(mut hop: Vec<Span<'static>>, room: usize) -> Vec<Span<'static>> {
    let total: usize = hop.iter().map(Span::width).sum();
    if total <= room || hop.len() < 2 {
        return hop;
    }
    let over = total - room;
    let last = hop.len() - 1;
    let longest = hop
        .iter_mut()
        .take(last)
        .max_by_key(|s| s.width())
        .filter(|s| s.width() > over + 1);
    if let Some(span) = longest {
        let keep = span.width() - over;
        span.content = fit(&span.content, keep).into();
        return hop;
    }
    fit_line(Line::from(hop), room).spans
}

/// MX → host → address → proxied or DNS only; the broken link in red.
/// Without MX records the domain itself receives mail (RFC 5321 §5.1):
/// "(no MX) → domain → …".
fn chain_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let found = app.seen_lookups();
    let Some(mx) = found.iter().find(|l| l.qtype == QType::MX) else {
        return vec![];
    };
    let probes = app.seen_probes();
    let mut out = vec![];
    for (mut spans, exchange) in mail_hosts(app, theme, mx) {
        let kind = exchange::classify(&exchange);
        if !kind.resolvable() {
            spans.push(Span::raw(" → "));
            let label = if kind == ExchangeKind::Null {
                "wiz-chain-null"
            } else {
                "wiz-chain-invalid"
            };
            spans.push(Span::styled(t(app, label), theme.bad()));
            out.push(Line::from(spans));
            continue;
        }
        // An MX target must not be an alias (RFC 2181 §10.3): the alias is
        // a hop of its own, in red.
        if let Some(alias) = alias_of(&found, &exchange) {
            spans.push(Span::raw(" → "));
            spans.push(Span::styled(
                format!("CNAME {} ✗", clean(&alias.dotted())),
                theme.bad(),
            ));
        }
        let addrs = addresses_of(&found, &exchange);
        let failed = found
            .iter()
            .any(|l| l.name == exchange.raw() && l.status.is_failure());
        match (addrs, failed) {
            (Some(addrs), _) if !addrs.is_empty() => {
                for (i, addr) in addrs.into_iter().enumerate() {
                    let mut line = if i == 0 {
                        spans.clone()
                    } else {
                        vec![Span::raw(" ".repeat(
                            spans.iter().map(ratatui::prelude::Span::width).sum(),
                        ))]
                    };
                    line.push(Span::raw(" → "));
                    line.push(Span::raw(addr.to_string()));
                    line.push(Span::raw(" "));
                    let (label, style) = address_badge(app, theme, addr, &exchange);
                    line.push(Span::styled(label, style));
                    if let Some(p) = probes.iter().find(|p| p.address == addr) {
                        for (label, ok) in probe_hops(app, p, &exchange) {
                            line.push(Span::raw(" → "));
                            line.push(Span::styled(
                                format!("{label} {}", if ok { "✓" } else { "✗" }),
                                if ok { theme.good() } else { theme.bad() },
                            ));
                        }
                    }
                    out.push(Line::from(line));
                }
            }
            (_, true) => {
                spans.push(Span::raw(" → "));
                spans.push(Span::styled(t(app, "wiz-chain-failed"), theme.bad()));
                out.push(Line::from(spans));
            }
            (Some(_), false) => {
                spans.push(Span::raw(" → "));
                spans.push(Span::styled(t(app, "wiz-chain-no-address"), theme.bad()));
                out.push(Line::from(spans));
            }
            (None, false) => {
                spans.push(Span::styled(" → …", theme.dim()));
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// Each MX target, as its line starts; the domain itself when the
/// answer has none (RFC 5321 §5.1).
fn mail_hosts(app: &App, theme: Theme, mx: &Lookup) -> Vec<(Vec<Span<'static>>, HostName)> {
    let mut hosts: Vec<(Vec<Span<'static>>, HostName)> = mx
        .records
        .iter()
        .filter_map(|r| match &r.data {
            Data::Mx {
                preference,
                exchange,
            } => Some((
                vec![
                    Span::styled(format!(" MX {preference} "), theme.dim()),
                    Span::styled(clean(&exchange.dotted()), theme.bold()),
                ],
                exchange.clone(),
            )),
            _ => None,
        })
        .collect();
    if mx.names_no_mx() {
        let domain = HostName::parse(&mx.name);
        hosts.push((
            vec![
                Span::styled(format!(" {}", t(app, "wiz-chain-implicit")), theme.dim()),
                Span::raw(" → "),
                Span::styled(clean(&domain.dotted()), theme.bold()),
            ],
            domain,
        ));
    }
    hosts
}

/// The first name `host`'s address lookups were sent on to by a CNAME.
fn alias_of(found: &[&Lookup], host: &HostName) -> Option<HostName> {
    let name = host.raw();
    found
        .iter()
        .filter(|l| l.name == name && matches!(l.qtype, QType::A | QType::AAAA))
        .flat_map(|l| &l.records)
        .find_map(|r| match &r.data {
            Data::Cname(target) => Some(target.clone()),
            _ => None,
        })
}

/// What a probe passed through, in order: the port, STARTTLS and its
/// certificate when tried, then DANE once judged.
fn probe_hops(app: &App, p: &Probe, host: &HostName) -> Vec<(String, bool)> {
    let cells = ProbeCells::of(p, &app.loc);
    let mut hops = vec![(
        app.loc
            .msg("wiz-chain-port", &[("port", cells.port.to_string().into())]),
        cells.greeted,
    )];
    match &p.tls {
        Some(TlsCheck::Verified { .. }) => {
            hops.push((t(app, "wiz-chain-tls"), true));
            hops.push((t(app, "wiz-chain-cert"), true));
        }
        Some(TlsCheck::Failed { version, .. }) => {
            hops.push((t(app, "wiz-chain-tls"), version.is_some()));
            if version.is_some() {
                hops.push((t(app, "wiz-chain-cert"), false));
            }
        }
        Some(TlsCheck::NotOffered | TlsCheck::NoAnswer(_)) => {
            hops.push((t(app, "wiz-chain-tls"), false));
        }
        None => {}
    }
    if let Some(ok) = dane_verdict(app, host, p.address) {
        hops.push((t(app, "wiz-chain-dane"), ok));
    }
    hops
}

/// Whether the host's TLSA records match the chain presented at `addr`;
/// `None` when DANE was not judged for it (no records, unsigned, no TLS).
fn dane_verdict(app: &App, host: &HostName, addr: IpAddr) -> Option<bool> {
    let d = app.diagnosis.as_ref()?;
    let name = clean(&host.dotted());
    d.findings
        .iter()
        .filter(|f| matches!(f.args.get("host"), Some(Arg::Text(h)) if *h == name))
        .find_map(|f| match f.code {
            Code::DaneOk => Some(true),
            Code::DaneTlsaMismatch => {
                Some(!matches!(f.args.get("address"), Some(Arg::Addresses(a)) if a.contains(&addr)))
            }
            _ => None,
        })
}

/// The host's addresses once both its A and AAAA answers are in.
fn addresses_of(found: &[&Lookup], host: &HostName) -> Option<Vec<IpAddr>> {
    let name = host.raw();
    let mine: Vec<&&Lookup> = found
        .iter()
        .filter(|l| l.name == name && matches!(l.qtype, QType::A | QType::AAAA))
        .collect();
    if mine.is_empty() {
        return None;
    }
    let mut all: Vec<IpAddr> = mine.iter().flat_map(|l| l.addresses()).collect();
    all.sort();
    all.dedup();
    Some(all)
}

/// The judge's view of the address, in words.
fn address_badge(app: &App, theme: Theme, addr: IpAddr, host: &HostName) -> (String, Style) {
    let kind = match &app.diagnosis {
        Some(d) => address_kind(&d.evidence, &app.brand, host, addr),
        None if app.brand.proxies(addr) => AddressKind::Proxied,
        None => AddressKind::DnsOnly,
    };
    match kind {
        AddressKind::BrandMailService => (
            format!(
                "{} ✓",
                app.loc.msg(
                    "wiz-chain-brand-service",
                    &[("brand", app.brand.name.clone().into())]
                )
            ),
            theme.good(),
        ),
        AddressKind::Proxied => (format!("{} ✗", t(app, "wiz-chain-proxied")), theme.bad()),
        AddressKind::DnsOnly => (format!("{} ✓", t(app, "wiz-chain-dns-only")), theme.good()),
    }
}
