//! The manual page, in the chosen language: clap's rendering of the
//! synopsis and the options, then sections of our own (commands, keys,
//! exit status, environment, files, examples), every heading localized,
//! and no reference to a page that does not exist.

use roff::{Roff, bold, italic, roman};

use super::out::{EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::present::i18n::Localizer;
use crate::tui::keys;

/// The page as troff.
pub(super) fn render(loc: &Localizer) -> std::io::Result<String> {
    let m = |id: &str| loc.msg(id, &[]);
    let cmd = crate::cli::localized_command(loc);
    let man = clap_mangen::Man::new(cmd.clone()).manual(m("man-manual"));
    let mut out: Vec<u8> = vec![];
    man.render_title(&mut out)?;
    // clap writes English headings: each section's first line is ours.
    for (render, heading) in [
        (
            clap_mangen::Man::render_name_section as fn(&_, &mut dyn std::io::Write) -> _,
            "man-name",
        ),
        (clap_mangen::Man::render_synopsis_section, "man-synopsis"),
        (
            clap_mangen::Man::render_description_section,
            "man-description",
        ),
        (clap_mangen::Man::render_options_section, "man-options"),
    ] {
        let mut section = vec![];
        render(&man, &mut section)?;
        let text = String::from_utf8_lossy(&section);
        // Each part repeats the page's preamble (the `.ie`/`.el` lines);
        // the page has it once, from the title.
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with(".ie ") && !l.starts_with(".el "));
        let _english = lines.next();
        out.extend(format!(".SH {}\n", roff_heading(&m(heading))).bytes());
        for line in lines {
            out.extend(line.bytes());
            out.push(b'\n');
        }
    }
    let mut page = Roff::new();
    page.control("SH", [roff_heading(&m("man-commands")).as_str()]);
    for sub in cmd.get_subcommands() {
        page.control("TP", [])
            .text([bold(format!("mxdoctor {}", sub.get_name()))])
            .text([roman(
                sub.get_about().map(ToString::to_string).unwrap_or_default(),
            )]);
    }
    page.control("SH", [roff_heading(&m("man-keys")).as_str()]);
    page.text([roman(m("man-keys-intro"))]);
    for (_, keys, id) in keys::help(keys::Context::Steps, |_| true) {
        page.control("TP", [])
            .text([bold(keys::label(loc, keys))])
            .text([roman(m(id))]);
    }
    page.control("SH", [roff_heading(&m("man-exit")).as_str()]);
    for (code, id) in [
        (EXIT_OK.to_string(), "man-exit-ok"),
        (EXIT_FINDINGS.to_string(), "man-exit-findings"),
        (EXIT_USAGE.to_string(), "man-exit-usage"),
        (EXIT_CANNOT_RUN.to_string(), "man-exit-cannot-run"),
        ("128+N".to_string(), "man-exit-signal"),
    ] {
        page.control("TP", [])
            .text([bold(code)])
            .text([roman(m(id))]);
    }
    page.control("SH", [roff_heading(&m("man-environment")).as_str()]);
    for (var, id) in [
        ("CLOUDFLARE_API_TOKEN", "man-env-token"),
        ("MXDOCTOR_CLOUDFLARE_API", "man-env-api"),
        ("MXDOCTOR_THEME", "man-env-theme"),
        ("NO_COLOR", "man-env-no-color"),
        ("LC_ALL, LC_MESSAGES, LANG", "man-env-lang"),
        ("SSL_CERT_FILE, SSL_CERT_DIR", "man-env-certs"),
        ("XDG_CONFIG_HOME", "man-env-config"),
        ("TERM", "man-env-term"),
    ] {
        page.control("TP", [])
            .text([bold(var)])
            .text([roman(m(id))]);
    }
    page.control("SH", [roff_heading(&m("man-files")).as_str()]);
    page.control("TP", [])
        .text([italic("$XDG_CONFIG_HOME/mxdoctor/config.toml")])
        .text([roman(m("man-file-config"))]);
    page.control("SH", [roff_heading(&m("man-examples")).as_str()]);
    for (command, id) in [
        ("mxdoctor demo", "man-example-demo"),
        ("mxdoctor example.com", "man-example-wizard"),
        (
            "mxdoctor check example.com --report ticket.md",
            "man-example-report",
        ),
        (
            "mxdoctor check --from domains.txt --format summary",
            "man-example-summary",
        ),
        ("mxdoctor fix example.com --dry-run", "man-example-fix"),
    ] {
        page.control("TP", [])
            .text([bold(command)])
            .text([roman(m(id))]);
    }
    out.extend(page.to_roff().bytes());
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A heading as man pages write them: capitals.
fn roff_heading(text: &str) -> String {
    text.to_uppercase()
}
