//! `mxdoctor spf --ip IP --sender ADDRESS [--helo NAME]`: evaluates as a
//! receiving server would, through the same resolver options as `check`.
//! Exit 0 whatever the result: the result is the answer, not a failure.

use std::net::IpAddr;
use std::process::ExitCode;

use super::out::{EXIT_CANNOT_RUN, complain, fail, print};
use crate::cli::{Format, Settings};
use crate::gather::dns::Dns;
use crate::gather::spf_check::evaluate;
use crate::model::problem::Problem;
use crate::model::spf::eval::Query;
use crate::model::target;
use crate::present::i18n::Localizer;
use crate::present::spf as shown;

pub(super) async fn run(
    ip: &str,
    sender: &str,
    helo: Option<&str>,
    settings: &Settings,
    loc: &Localizer,
) -> ExitCode {
    let query = match query(ip, sender, helo) {
        Ok(q) => q,
        Err(problem) => return fail(loc, &problem),
    };
    let dns = match Dns::new(&settings.servers, settings.timeout) {
        Ok(d) => d,
        Err(e) => {
            complain(
                loc,
                &Problem::new("no-resolver").arg("reason", e.to_string()),
            );
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let evaluation = evaluate(&dns, &query).await;
    let text = if settings.format == Format::Json {
        shown::json(&evaluation, loc)
    } else {
        shown::text(&evaluation, &query, loc)
    };
    print(loc, &text)
}

/// The sender as a receiver sees it; what cannot be is a usage error.
fn query(ip: &str, sender: &str, helo: Option<&str>) -> Result<Query, Problem> {
    let ip: IpAddr = ip
        .trim()
        .parse()
        .map_err(|_| Problem::new("spf-bad-ip").arg("value", ip))?;
    let sender = sender.trim();
    let domain = match sender.rsplit_once('@') {
        Some((_, d)) => d,
        None => sender,
    };
    // An empty MAIL FROM checks the HELO name, which must then be given.
    let checked = if sender.is_empty() {
        helo.unwrap_or_default()
    } else {
        domain
    };
    if target::parse(checked).is_err() {
        return Err(Problem::new("spf-bad-sender").arg("value", sender));
    }
    Ok(Query {
        ip: Some(ip),
        sender: sender.to_string(),
        helo: helo.unwrap_or(domain).to_string(),
        now: jiff::Timestamp::now().as_second(),
    })
}
