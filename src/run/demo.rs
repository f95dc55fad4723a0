//! The demo's servers: its zones and its greeting mail server, on loopback.

use std::sync::Arc;
use std::time::Duration;

use crate::demo::fake_api::FakeApi;
use crate::demo::mail_server::{MailServer, TestCa};
use crate::fix::api::Api;
use crate::model::cdn::Token;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::cli::Settings;
use crate::demo;
use crate::gather::dns::{Dns, Servers};
use crate::gather::{Authoritative, Plan};
use crate::model::evidence::ProbePolicy;
use crate::model::problem::Problem;

pub(super) fn demo_scenario(id: &str) -> Result<&'static demo::Scenario, Problem> {
    demo::find(id).ok_or_else(|| {
        Problem::new("demo-unknown")
            .arg("value", id)
            .arg("known", demo::ids())
    })
}

/// The demo's DNS server, greeter and CDN API; they stop when dropped.
pub(super) struct DemoServers {
    _zones: Arc<crate::demo::zone_server::ZoneServer>,
    _greeter: MailServer,
    _api: FakeApi,
    client: Arc<Api>,
}

impl DemoServers {
    /// A client of the demo's own API, with the demo's token.
    pub(super) fn api(&self) -> Arc<Api> {
        self.client.clone()
    }
}

pub(super) async fn demo_backend(settings: &Settings) -> Result<(Dns, Plan, DemoServers), String> {
    let zones = Arc::new(demo::serve_zones().await.map_err(|e| e.to_string())?);
    let api = FakeApi::start(demo::fake_account(), Some(zones.clone()))
        .await
        .map_err(|e| e.to_string())?;
    let token = Token::new(demo::DEMO_TOKEN).ok_or("no token")?;
    let client =
        Api::new(&api.base(), token, Duration::from_secs(5)).map_err(|e| format!("{e:?}"))?;
    // A certificate authority of the demo's own, trusted by the demo only,
    // and a certificate for every demo domain's mail hosts.
    let ca = TestCa::new().map_err(|e| e.to_string())?;
    // The list's copies too: each stands for its scenario, certificate
    // included.
    let names: Vec<String> = demo::list_domains()
        .into_iter()
        .flat_map(|d| [format!("*.{d}"), d])
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let identity = ca.issue(&names, 2020, 2099).map_err(|e| e.to_string())?;
    let greeter = MailServer::start("mail.demo.example ESMTP ready", Some(&identity))
        .await
        .map_err(|e| e.to_string())?;
    let mut roots = rustls::RootCertStore::empty();
    CertificateDer::from_pem_slice(ca.cert_pem.as_bytes())
        .map_err(|e| e.to_string())
        .and_then(|c| roots.add(c).map_err(|e| e.to_string()))?;
    let dns = Dns::new(&Servers::List(vec![zones.addr()]), Duration::from_secs(2))
        .map_err(|e| e.to_string())?;
    let plan = Plan {
        smtp_port: greeter.addr.port(),
        // Nothing leaves this machine in the demo.
        probe_policy: if settings.probe == ProbePolicy::Off {
            ProbePolicy::Off
        } else {
            ProbePolicy::LoopbackOnly
        },
        probe_timeout: Duration::from_secs(2),
        authoritative: settings.authoritative.map(|_| Authoritative {
            port: zones.addr().port(),
            loopback_only: true,
        }),
        tls_roots: Some(Arc::new(crate::gather::tls::Trust::only(roots))),
        https_port: 443,
        senders: settings.senders.clone(),
        helo: settings.helo.clone(),
        // The demo's zones are not signed: no chain to follow.
        dnssec: None,
        // Nothing leaves this machine in the demo.
        compare: settings
            .compare
            .iter()
            .filter(|a| a.ip().is_loopback())
            .copied()
            .collect(),
    };
    Ok((
        dns,
        plan,
        DemoServers {
            _zones: zones,
            _greeter: greeter,
            _api: api,
            client: Arc::new(client),
        },
    ))
}
