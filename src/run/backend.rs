//! The checker every command uses, built once: from the options, or from
//! the demo's own servers on loopback.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::demo::{DemoServers, demo_backend};
use super::out::{EXIT_CANNOT_RUN, complain};
use crate::cli::Settings;
use crate::diagnose::Checker;
use crate::fix::api::Api;
use crate::gather::dns::Dns;
use crate::gather::pace::Pace;
use crate::gather::{Authoritative, Plan};
use crate::model::problem::Problem;
use crate::model::providers::Providers;
use crate::present::i18n::Localizer;

/// A checker, and the demo's servers when it uses them: they live as long
/// as the run does.
pub(super) struct Backend {
    pub checker: Arc<Checker>,
    /// Held, not read: the servers stop when it is dropped.
    pub _demo: Option<DemoServers>,
}

/// The demo's servers when `demo`, else the resolver and the API the
/// options name. What cannot be built is said here, once.
pub(super) async fn build(
    settings: &Settings,
    demo: bool,
    loc: &Localizer,
) -> Result<Backend, ExitCode> {
    let (dns, plan, servers) = if demo {
        match demo_backend(settings).await {
            Ok((dns, plan, servers)) => (dns, plan, Some(servers)),
            Err(reason) => {
                complain(loc, &Problem::new("demo-failed").arg("reason", reason));
                return Err(ExitCode::from(EXIT_CANNOT_RUN));
            }
        }
    } else {
        match Dns::new(&settings.servers, settings.timeout) {
            Ok(d) => {
                let d = match settings.qps {
                    Some(qps) => d.paced(Pace::per_second(qps)),
                    None => d,
                };
                (d, plan(settings), None)
            }
            Err(e) => {
                complain(
                    loc,
                    &Problem::new("no-resolver").arg("reason", e.to_string()),
                );
                return Err(ExitCode::from(EXIT_CANNOT_RUN));
            }
        }
    };
    // The demo reads its own account; elsewhere a token must be given.
    let api = match &servers {
        Some(s) => Some(s.api()),
        None => api_client(settings, loc)?,
    };
    let checker = Checker {
        dns: Arc::new(dns),
        plan,
        brand: settings.brand.clone(),
        providers: Providers::built_in(),
        api,
        api_deadline: api_deadline(settings.timeout),
    };
    Ok(Backend {
        checker: Arc::new(checker),
        _demo: servers,
    })
}

/// Finding the zone and reading its records takes a few calls: a few
/// timeouts' worth in all.
fn api_deadline(timeout: Duration) -> Duration {
    timeout * 8
}

/// The API client, when a token was given; a client that cannot be built
/// (no TLS) is a failure to run.
fn api_client(settings: &Settings, loc: &Localizer) -> Result<Option<Arc<Api>>, ExitCode> {
    let Some(access) = &settings.api else {
        return Ok(None);
    };
    // Each call gets a few timeouts' worth; the phase has its deadline.
    match Api::new(&access.base, access.token.clone(), settings.timeout * 4) {
        Ok(api) => Ok(Some(Arc::new(api))),
        Err(e) => {
            complain(
                loc,
                &Problem::new("api-client").arg("reason", format!("{e:?}")),
            );
            Err(ExitCode::from(EXIT_CANNOT_RUN))
        }
    }
}

/// Lookups and probes as the options say (the demo has its own).
fn plan(settings: &Settings) -> Plan {
    // STARTTLS and the MTA-STS policy both check certificates; with
    // probes, the store loads while the first DNS answers come in.
    let trust = Arc::new(crate::gather::tls::Trust::system(settings.ca_certs.clone()));
    if settings.probe != crate::model::evidence::ProbePolicy::Off {
        trust.warm();
    }
    Plan {
        smtp_port: settings.smtp_port,
        probe_policy: settings.probe,
        probe_timeout: settings.timeout,
        authoritative: settings.authoritative.map(|port| Authoritative {
            port,
            loopback_only: false,
        }),
        compare: settings.compare.clone(),
        tls_roots: Some(trust),
        https_port: 443,
        senders: settings.senders.clone(),
        helo: settings.helo.clone(),
        dnssec: Some(crate::gather::secure::Secure::new(settings.anchors.clone())),
    }
}
