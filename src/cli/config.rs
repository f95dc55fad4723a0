//! The config file: defaults for the long options, under their names, in
//! `$XDG_CONFIG_HOME/mxdoctor/config.toml` or `--config PATH`. The command
//! line wins over the environment, which wins over the file; every value is
//! then checked by the same code as the command line's.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::args::{BrandId, ColorWhen, Common, ThemeName};
use super::files;
use crate::model::cdn::TOKEN_VAR;
use crate::model::lang::Lang;
use crate::model::problem::Problem;

/// The wizard's palette from the environment: `dark` or `light`.
pub(crate) const THEME_VAR: &str = "MXDOCTOR_THEME";

/// A config file larger than this is not one.
const MAX_CONFIG: u64 = 64 * 1024;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    lang: Option<String>,
    brand: Option<BrandId>,
    brand_file: Option<PathBuf>,
    resolver: Option<Vec<String>>,
    timeout: Option<toml::Value>,
    smtp_port: Option<toml::Value>,
    jobs: Option<toml::Value>,
    api_token_file: Option<PathBuf>,
    sender_ip: Option<Vec<String>>,
    helo: Option<String>,
    trust_anchor: Option<PathBuf>,
    color: Option<ColorWhen>,
    mouse: Option<bool>,
    theme: Option<ThemeName>,
}

/// Where the file is looked for when `--config` does not say.
pub(crate) fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    // Without HOME, etcetera would ask the password database, through
    // glibc's NSS modules, which the static binary cannot load safely:
    // only `XDG_CONFIG_HOME` can say where the file is then.
    if std::env::var_os("HOME").is_none() {
        let config = PathBuf::from(std::env::var_os("XDG_CONFIG_HOME")?);
        return config
            .is_absolute()
            .then(|| config.join("mxdoctor").join("config.toml"));
    }
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.config_dir().join("mxdoctor").join("config.toml"))
}

/// Reads the file `--config` names, or the default one if it exists.
pub(crate) fn load(explicit: Option<&Path>) -> Result<Option<FileConfig>, Problem> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(None),
        },
    };
    let shown = path.display().to_string();
    let text = files::read_small(&path, MAX_CONFIG).map_err(|e| match e {
        files::ReadError::Io(e) => Problem::new("config-read").arg("path", &shown).io(&e),
        _ => Problem::new("config-not-regular").arg("path", &shown),
    })?;
    toml::from_str(&text).map(Some).map_err(|e| {
        Problem::new("config-bad")
            .arg("path", &shown)
            .arg("reason", unquoted(e.message()))
    })
}

/// A parser's message with every quoted value left out: a key may hold a
/// secret by mistake (a token where a resolver was meant), and an error
/// is shown on screens and pasted into tickets.
fn unquoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' {
            if !quoted {
                out.push_str("\"…\"");
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// A number or text from the file, as the command line would give it.
fn text(value: Option<toml::Value>) -> Option<String> {
    value.map(|v| match v {
        toml::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// Fills what the command line left unset from the file, unless the
/// environment said it (the language, the token).
pub(crate) fn apply(c: &mut Common, file: FileConfig, env: impl Fn(&str) -> Option<String>) {
    // A language the environment names (C and POSIX name none).
    let env_lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&env)
        .find(|v| !v.is_empty())
        .is_some_and(|v| {
            !matches!(v.split(['.', '@']).next(), Some("C" | "POSIX")) && Lang::parse(&v).is_some()
        });
    if c.lang.is_none() && !env_lang {
        c.lang = file.lang;
    }
    if c.brand.is_none() && c.brand_file.is_none() {
        c.brand = file.brand;
        c.brand_file = file.brand_file;
    }
    if c.resolver.is_empty() {
        c.resolver = file.resolver.unwrap_or_default();
    }
    c.timeout = c.timeout.take().or_else(|| text(file.timeout));
    c.smtp_port = c.smtp_port.take().or_else(|| text(file.smtp_port));
    c.jobs = c.jobs.take().or_else(|| text(file.jobs));
    if c.sender_ip.is_empty() {
        c.sender_ip = file.sender_ip.unwrap_or_default();
    }
    c.helo = c.helo.take().or(file.helo);
    c.trust_anchor = c.trust_anchor.take().or(file.trust_anchor);
    c.color = c.color.or(file.color);
    if file.mouse == Some(false) {
        c.no_mouse = true;
    }
    if c.theme.is_none() && env(THEME_VAR).is_none() {
        c.theme = file.theme;
    }
    let env_token = env(TOKEN_VAR).is_some_and(|t| !t.trim().is_empty());
    if c.api_token_file.is_none() && !env_token {
        c.api_token_file = file.api_token_file;
    }
}
