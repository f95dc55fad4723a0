//! The options checked into settings: every failure a localized problem.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use crate::fix::api;
use crate::gather::dns::{self, Servers};
use crate::model::brand::{self, Brand, BrandError};
use crate::model::cdn::Token;
use crate::model::evidence::ProbePolicy;
use crate::model::lang::Lang;
use crate::model::problem::Problem;

use super::args::{ColorWhen, Common, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, Format, ThemeName};
use super::files;

/// Settings shared by every command, checked.
pub(crate) struct Settings {
    /// What is worth a word on stderr but stops nothing (a token file
    /// others may read).
    pub warnings: Vec<Problem>,
    pub lang: Lang,
    pub brand: Brand,
    pub servers: Servers,
    pub timeout: Duration,
    pub smtp_port: u16,
    pub probe: ProbePolicy,
    /// The port the zone's own servers are asked on; `None`: not asked.
    pub authoritative: Option<u16>,
    /// The CDN's API, when a token was given.
    pub api: Option<ApiAccess>,
    /// Between two checks while watching.
    pub interval: Duration,
    /// Other resolvers whose caches are compared; none unless asked.
    pub compare: Vec<std::net::SocketAddr>,
    /// Certificates of private CAs, trusted besides the system's.
    pub ca_certs: Vec<rustls::pki_types::CertificateDer<'static>>,
    pub format: Format,
    /// Domains in flight at once.
    pub jobs: usize,
    /// DNS queries per second, at most, whatever server they go to.
    pub qps: Option<NonZeroU32>,
    /// Results in input order rather than as they finish.
    pub ordered: bool,
    /// No progress bar and no summary.
    pub quiet: bool,
    /// Files of domains, one per line.
    pub from: Vec<PathBuf>,
    /// Servers that send the domain's mail, whose SPF result is checked.
    pub senders: Vec<std::net::IpAddr>,
    /// The name they give in HELO; the domain when none is given.
    pub helo: Option<String>,
    /// The keys DNSSEC chains start from: the IANA root's, or a file's.
    pub anchors: crate::model::evidence::Anchors,
    /// When output is coloured.
    pub color: ColorWhen,
    /// Whether the wizard takes the mouse (wheel, clicks).
    pub mouse: bool,
    pub theme: ThemeName,
    /// Whether the trust store's environment is sound, known a moment
    /// after launch.
    pub store_env: StoreEnv,
}

/// Compared with when `--compare-resolvers` is given alone: Cloudflare's,
/// Google's and Quad9's public resolvers. Never asked otherwise.
pub(super) const PUBLIC_RESOLVERS: &[&str] = &["1.1.1.1", "8.8.8.8", "9.9.9.9"];

/// Where the CDN's API is and the token to show it.
#[derive(Debug)]
pub(crate) struct ApiAccess {
    pub base: String,
    pub token: Token,
}

/// The API address's environment variable (the token's is
/// `model::cdn::TOKEN_VAR`).
pub(super) const API_VAR: &str = "MXDOCTOR_CLOUDFLARE_API";
/// A token file larger than this is not a token.
const MAX_TOKEN_FILE: u64 = 4096;

/// The token from `--api-token-file`, else the environment; the API's
/// address from the environment, else the CDN's own.
fn api_access(c: &Common, warnings: &mut Vec<Problem>) -> Result<Option<ApiAccess>, Problem> {
    let token = match &c.api_token_file {
        Some(path) => {
            let shown = path.display().to_string();
            // As ssh says of a key: a secret others can read is one no more.
            if std::fs::metadata(path).is_ok_and(|m| {
                std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o077 != 0
            }) {
                warnings.push(Problem::new("token-file-open").arg("path", &shown));
            }
            let text = files::read_small(path, MAX_TOKEN_FILE).map_err(|e| match e {
                files::ReadError::NotRegular | files::ReadError::TooLarge => {
                    Problem::new("token-file-not-regular").arg("path", &shown)
                }
                files::ReadError::Io(e) => {
                    Problem::new("token-file-read").arg("path", &shown).io(&e)
                }
            })?;
            Some(
                Token::new(&text)
                    .ok_or_else(|| Problem::new("token-file-empty").arg("path", &shown))?,
            )
        }
        None => std::env::var(crate::model::cdn::TOKEN_VAR)
            .ok()
            .and_then(|t| Token::new(&t)),
    };
    let Some(token) = token else {
        return Ok(None);
    };
    let base = match std::env::var(API_VAR) {
        Ok(v) => {
            api::check_base(&v).map_err(|_| Problem::new("opt-bad-api-base").arg("value", &v))?
        }
        Err(_) => api::DEFAULT_BASE.to_string(),
    };
    Ok(Some(ApiAccess { base, token }))
}

/// Domains in flight when `--resolver` names servers, and with the
/// system's resolver, which is often shared and modest. A domain asks
/// about two dozen questions at once: twenty domains keep the queries in
/// flight at their cap (`MAX_IN_FLIGHT`, 512). More add no speed, only
/// questions queued for a turn, and each turn waited for costs CPU: 32
/// took 5 to 8 % more CPU per question than 20 for 100,000 domains
/// against NSD, at the same pace.
pub(super) const DEFAULT_JOBS: usize = 20;
pub(super) const DEFAULT_JOBS_SYSTEM: usize = 8;
/// More than this many domains in flight buys nothing but memory.
pub(super) const MAX_JOBS: usize = 1024;

impl Settings {
    pub(crate) fn from_common(
        c: &Common,
        fallback_lang: Lang,
        store_env: StoreEnv,
    ) -> Result<Self, Problem> {
        let lang = match &c.lang {
            Some(v) => {
                Lang::parse(v).ok_or_else(|| Problem::new("opt-bad-lang").arg("value", v))?
            }
            None => fallback_lang,
        };
        let brand = match (&c.brand_file, &c.brand) {
            (Some(path), _) => files::brand_from_file(path).map_err(brand_problem)?,
            (None, Some(id)) => Brand::built_in(id.id()).map_err(brand_problem)?,
            (None, None) => Brand::built_in("cloudflare").map_err(brand_problem)?,
        };
        let servers = if c.resolver.is_empty() {
            Servers::System
        } else {
            Servers::List(
                c.resolver
                    .iter()
                    .map(|r| {
                        dns::parse_server(r)
                            .ok_or_else(|| Problem::new("opt-bad-resolver").arg("value", r))
                    })
                    .collect::<Result<_, _>>()?,
            )
        };
        let timeout = seconds(
            c.timeout.as_deref(),
            DEFAULT_TIMEOUT,
            60.0,
            "opt-bad-timeout",
        )?;
        let interval = seconds(
            c.interval.as_deref(),
            DEFAULT_INTERVAL,
            3600.0,
            "opt-bad-interval",
        )?;
        let smtp_port = port(c.smtp_port.as_deref(), 25)?;
        let ns_port = port(c.ns_port.as_deref(), 53)?;
        let format = format(c.json, c.format)?;
        let jobs = match &c.jobs {
            None if matches!(servers, Servers::System) => DEFAULT_JOBS_SYSTEM,
            None => DEFAULT_JOBS,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_JOBS).contains(n))
                .ok_or_else(|| Problem::new("opt-bad-jobs").arg("value", v))?,
        };
        let qps = match &c.qps {
            None => None,
            Some(v) => Some(
                v.parse::<NonZeroU32>()
                    .map_err(|_| Problem::new("opt-bad-qps").arg("value", v))?,
            ),
        };
        let senders = senders(&c.sender_ip)?;
        for path in &c.from {
            files::check_readable(path).map_err(|e| from_problem(path, e))?;
        }
        let mut warnings = vec![];
        let api = api_access(c, &mut warnings)?;
        let compare = compared(c.compare_resolvers.as_deref())?;
        let ca_certs = ca_certs(&c.ca_file)?;
        let anchors = anchors(c.trust_anchor.as_deref())?;
        let theme = theme(c.theme, std::env::var(super::config::THEME_VAR).ok())?;
        Ok(Self {
            color: c.color.unwrap_or_default(),
            mouse: !c.no_mouse,
            theme,
            store_env,
            warnings,
            lang,
            brand,
            servers,
            timeout,
            smtp_port,
            jobs,
            qps,
            ordered: c.ordered,
            quiet: c.quiet,
            from: c.from.clone(),
            senders,
            helo: c.helo.clone(),
            probe: if c.no_smtp {
                ProbePolicy::Off
            } else {
                ProbePolicy::All
            },
            authoritative: (!c.no_authoritative).then_some(ns_port),
            api,
            interval,
            compare,
            ca_certs,
            format,
            anchors,
        })
    }
}

/// `--format`, or `--json` alone.
fn format(json: bool, chosen: Option<Format>) -> Result<Format, Problem> {
    match (json, chosen) {
        (true, None | Some(Format::Json)) => Ok(Format::Json),
        // Two outputs asked for: say so rather than pick one.
        (true, Some(other)) => {
            let name = clap::ValueEnum::to_possible_value(&other)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            Err(Problem::new("cli-conflict")
                .arg("arg", "--json")
                .arg("other", format!("--format {name}")))
        }
        (false, chosen) => Ok(chosen.unwrap_or(Format::Text)),
    }
}

/// `--theme` (or the config's), else `MXDOCTOR_THEME`, else dark.
fn theme(given: Option<ThemeName>, env: Option<String>) -> Result<ThemeName, Problem> {
    match (given, env) {
        (Some(t), _) => Ok(t),
        (None, Some(v)) => <ThemeName as clap::ValueEnum>::from_str(v.trim(), true).map_err(|_| {
            Problem::new("opt-bad-theme").arg("value", crate::model::sanitize::clean(&v))
        }),
        (None, None) => Ok(ThemeName::default()),
    }
}

/// The largest certificate bundle read; system bundles are well under it.
const MAX_CERT_FILE: u64 = 16 * 1024 * 1024;
/// Certificate files read from one `SSL_CERT_DIR` at most.
const MAX_CERT_FILES: usize = 10_000;

/// The trust store's environment, checked on a thread of its own from the
/// start: with `SSL_CERT_DIR` set to the system's folder, the walk (a
/// `stat` per entry, a few hundred) cost 0.5 ms on the way to the first
/// question. Nothing is written before it is known sound.
pub(crate) struct StoreEnv(
    futures::future::Shared<tokio::sync::oneshot::Receiver<Result<(), Problem>>>,
);

impl StoreEnv {
    /// Starts the walk; once the environment is found sound, the same
    /// thread goes on with `then` (reading the store it names).
    pub(crate) fn check(then: impl FnOnce() + Send + 'static) -> Self {
        let walk = || trust_store_env(|k| std::env::var_os(k));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new().spawn(move || {
            let verdict = walk();
            let sound = verdict.is_ok();
            let _ = tx.send(verdict);
            if sound {
                then();
            }
        });
        // No thread to be had: the walk is done here, as it once was, and
        // the store is read when it is first wanted.
        let rx = if spawned.is_ok() {
            rx
        } else {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let _ = tx.send(walk());
            rx
        };
        Self(futures::FutureExt::shared(rx))
    }

    /// The problem with the environment, once the walk is over. A walk
    /// that never finished found nothing to say: the store's reader bounds
    /// what it reads on its own.
    pub(crate) async fn verdict(&self) -> Result<(), Problem> {
        self.0.clone().await.unwrap_or(Ok(()))
    }
}

/// `SSL_CERT_FILE` and `SSL_CERT_DIR`, which the trust store reads, held
/// to what any file mxdoctor reads is held to: a regular file, capped in
/// size; a folder of at most so many entries, whose regular files (the
/// only ones the store reads) are capped too. A FIFO or `/dev/zero` as the
/// file would block or exhaust the program the first time a certificate
/// is checked.
fn trust_store_env(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<(), Problem> {
    let bad = |name: &str, path: &std::path::Path| {
        Problem::new("cert-env-bad")
            .arg("var", name)
            .arg("path", path.display().to_string())
    };
    let regular = |path: &std::path::Path| {
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_CERT_FILE)
    };
    if let Some(file) = var("SSL_CERT_FILE") {
        let path = PathBuf::from(file);
        if !regular(&path) {
            return Err(bad("SSL_CERT_FILE", &path));
        }
    }
    if let Some(dirs) = var("SSL_CERT_DIR") {
        for dir in std::env::split_paths(&dirs) {
            let entries = std::fs::read_dir(&dir).map_err(|_| bad("SSL_CERT_DIR", &dir))?;
            for (n, entry) in entries.enumerate() {
                let path = entry.map_err(|_| bad("SSL_CERT_DIR", &dir))?.path();
                let too_large =
                    std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() > MAX_CERT_FILE);
                if n >= MAX_CERT_FILES || too_large {
                    return Err(bad("SSL_CERT_DIR", &path));
                }
            }
        }
    }
    Ok(())
}

/// The certificates of `--ca-file` files: PEM, at least one each.
fn ca_certs(paths: &[PathBuf]) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, Problem> {
    use rustls::pki_types::pem::PemObject;
    let mut out = vec![];
    for path in paths {
        let shown = path.display().to_string();
        let text = small_file(path, "ca-file-read", "ca-file-bad")?;
        let certs: Vec<_> = rustls::pki_types::CertificateDer::pem_slice_iter(text.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|_| Problem::new("ca-file-bad").arg("path", &shown))?;
        if certs.is_empty() {
            return Err(Problem::new("ca-file-bad").arg("path", &shown));
        }
        out.extend(certs);
    }
    Ok(out)
}

/// A small regular file named by an option: `unreadable` (with the
/// reason) or `not_one` (a special file, too large) when it cannot be read.
fn small_file(
    path: &std::path::Path,
    unreadable: &'static str,
    not_one: &'static str,
) -> Result<String, Problem> {
    let shown = path.display().to_string();
    files::read_small(path, files::MAX_SMALL).map_err(|e| match e {
        files::ReadError::Io(e) => Problem::new(unreadable).arg("path", &shown).io(&e),
        _ => Problem::new(not_one).arg("path", &shown),
    })
}

/// `--trust-anchor`: a zone file of the root's DS or DNSKEY records; the
/// IANA root's keys without it.
fn anchors(path: Option<&std::path::Path>) -> Result<crate::model::evidence::Anchors, Problem> {
    let Some(path) = path else {
        return Ok(crate::model::evidence::Anchors::built_in());
    };
    let shown = path.display().to_string();
    let text = small_file(path, "anchor-read", "anchor-bad")?;
    crate::model::evidence::Anchors::parse(&text)
        .ok_or_else(|| Problem::new("anchor-bad").arg("path", &shown))
}

/// `--compare-resolvers`: nothing, the public resolvers, or a list.
fn compared(value: Option<&str>) -> Result<Vec<std::net::SocketAddr>, Problem> {
    match value {
        None => Ok(vec![]),
        Some("public") => Ok(PUBLIC_RESOLVERS
            .iter()
            .filter_map(|r| dns::parse_server(r))
            .collect()),
        Some(list) => list
            .split(',')
            .map(|r| {
                dns::parse_server(r.trim())
                    .ok_or_else(|| Problem::new("opt-bad-resolver").arg("value", r))
            })
            .collect(),
    }
}

/// Seconds from 0.1 to `max`, a decimal comma allowed.
fn seconds(
    value: Option<&str>,
    default: Duration,
    max: f64,
    problem: &'static str,
) -> Result<Duration, Problem> {
    match value {
        None => Ok(default),
        Some(v) => v
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|s| (0.1..=max).contains(s))
            .map(Duration::from_secs_f64)
            .ok_or_else(|| Problem::new(problem).arg("value", v)),
    }
}

fn port(value: Option<&str>, default: u16) -> Result<u16, Problem> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| Problem::new("opt-bad-port").arg("value", v)),
    }
}

pub(crate) fn from_problem(path: &std::path::Path, e: files::ReadError) -> Problem {
    let shown = path.display().to_string();
    match e {
        files::ReadError::NotRegular => Problem::new("from-not-regular").arg("path", shown),
        files::ReadError::TooLarge => Problem::new("from-not-regular").arg("path", shown),
        files::ReadError::Io(e) => Problem::new("from-read").arg("path", shown).io(&e),
    }
}

fn brand_problem(e: BrandError) -> Problem {
    match e {
        BrandError::Unknown(v) => Problem::new("opt-bad-brand")
            .arg("value", v)
            .arg("known", brand::BUILT_IN.join(", ")),
        BrandError::NotRegular(path) => Problem::new("brand-not-regular").arg("path", path),
        BrandError::TooLarge(path) => Problem::new("brand-too-large").arg("path", path),
        BrandError::Read { path, reason } => Problem {
            io: Some(reason),
            ..Problem::new("brand-read").arg("path", path)
        },
        BrandError::Malformed { path, reason } => Problem::new("brand-malformed")
            .arg("path", path)
            .arg("reason", reason),
    }
}

/// `--sender-ip`: each an address, or a usage error naming it.
fn senders(values: &[String]) -> Result<Vec<std::net::IpAddr>, Problem> {
    values
        .iter()
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| Problem::new("opt-bad-sender-ip").arg("value", v))
        })
        .collect()
}
