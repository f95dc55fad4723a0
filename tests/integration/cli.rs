//! The binary end to end, against the test zones served on loopback.

use crate::common;

use std::fmt::Write as _;
use std::io::BufRead as _;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::BackgroundDns;

fn mxdoctor(lang: &str) -> Command {
    common::bin(lang)
}

fn check(dns: &BackgroundDns, args: &[&str]) -> Output {
    mxdoctor("C")
        .args(["check", "--no-smtp", "--resolver", &dns.addr.to_string()])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn exit_codes() {
    let dns = BackgroundDns::start();
    assert_eq!(check(&dns, &["good.test"]).status.code(), Some(0));
    assert_eq!(check(&dns, &["proxied.test"]).status.code(), Some(1));
    assert_eq!(
        check(&dns, &["good.test", "proxied.test"]).status.code(),
        Some(1)
    );
}

#[test]
fn nobody_answers_exit_3_quickly() {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    let start = Instant::now();
    let out = mxdoctor("C")
        .args([
            "check",
            "good.test",
            "--no-smtp",
            "--timeout",
            "0.3",
            "--resolver",
            &addr,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        stderr(&out).contains("no DNS server answered"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_shape() {
    let dns = BackgroundDns::start();
    let out = check(&dns, &["proxied.test", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(v["domain"], "proxied.test");
    assert_eq!(v["brand"], "cloudflare");
    assert_eq!(v["language"], "en");
    assert_eq!(v["resolvers"][0], dns.addr.to_string());
    let started = v["started_at"].as_str().unwrap();
    assert!(started.len() == 20 && started.ends_with('Z'), "{started}");
    assert!(v["elapsed_ms"].is_u64());
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "mx-target-proxied")
        .unwrap();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["step"], "proxy");
    assert_eq!(f["args"]["host"], "mail.proxied.test");
    // Schema 2: lists are arrays.
    assert_eq!(f["args"]["address"], serde_json::json!(["104.16.3.2"]));
    assert!(f["message"].as_str().unwrap().contains("Cloudflare"));
    let mx = v["lookups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["type"] == "MX")
        .unwrap();
    assert_eq!(mx["name"], "proxied.test");
    assert_eq!(mx["status"], "ok");
    assert_eq!(mx["answers"][0], "10 mail.proxied.test.");
    assert_eq!(mx["ttl"], 300);
    assert!(mx["elapsed_ms"].is_u64());
    assert_eq!(mx["server"], dns.addr.to_string());
    assert_eq!(mx["source"], "resolver");
    let statuses = [
        "ok", "nxdomain", "nodata", "servfail", "refused", "timeout", "error",
    ];
    for l in v["lookups"].as_array().unwrap() {
        assert!(statuses.contains(&l["status"].as_str().unwrap()));
    }

    let many = check(
        &dns,
        &["good.test", "proxied.test", "--format", "json", "--ordered"],
    );
    let lines: Vec<serde_json::Value> = stdout(&many)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["domain"], "proxied.test");
}

#[test]
fn inputs_people_paste() {
    let dns = BackgroundDns::start();
    for input in [
        "good.test",
        "GOOD.test.",
        "postmaster@good.test",
        "https://good.test/contact",
    ] {
        let out = check(&dns, &[input]);
        assert_eq!(out.status.code(), Some(0), "{input}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("good.test ·"), "{input}");
    }
    let out = check(&dns, &["exämple.test"]);
    assert!(stdout(&out).contains("exämple.test (xn--exmple-cua.test)"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_input_exit_2_localized() {
    let long_label = format!("{}.com", "a".repeat(64));
    let long_name = format!("{}com", "abcdefghi.".repeat(26));
    let cases: Vec<(&str, &str, &str)> = vec![
        ("", "no domain given", "aucun domaine"),
        ("   ", "no domain given", "aucun domaine"),
        ("exa mple.com", "contains a space", "contient un espace"),
        ("192.0.2.1", "is an IP address", "est une adresse IP"),
        (
            "*.example.com",
            "contains a wildcard",
            "contient un caractère générique",
        ),
        (
            "exa\u{1b}[2Jmple.com",
            "control characters",
            "caractères de contrôle",
        ),
        (&long_label, "is too long (64", "est trop longue (64"),
        (&long_name, "is too long", "est trop long"),
        (
            "localhost",
            "not a full domain name",
            "pas un nom de domaine complet",
        ),
    ];
    for (input, en, fr) in cases {
        for (lang, want) in [("C", en), ("fr_FR.UTF-8", fr)] {
            let out = mxdoctor(lang)
                .args(["check", input, "--resolver", "127.0.0.1:9"])
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{input:?}");
            assert!(err.contains(want), "{input:?} {lang}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(!err.contains('\u{1b}'), "escape leaked: {err:?}");
            assert!(!err.contains("panicked"));
        }
    }
}

#[test]
fn bad_options_exit_2_localized() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["check", "good.test", "--bogus"],
            "unknown option",
            "option ou argument inconnu",
        ),
        (
            &["check", "good.test", "--timeout", "soon"],
            "not a timeout",
            "n’est pas un délai",
        ),
        // A negative number is a bad value, not an unknown option.
        (
            &["check", "good.test", "--interval", "-1"],
            "\"-1\" is not",
            "«\u{a0}-1\u{a0}» n’est pas un nombre de secondes",
        ),
        (
            &["check", "good.test", "--resolver", "dns.example"],
            "not a resolver",
            "n’est pas l’adresse",
        ),
        (
            &["check", "good.test", "--resolver", "0.0.0.0"],
            "not a resolver",
            "n’est pas l’adresse",
        ),
        (
            &["check", "good.test", "--resolver", "255.255.255.255"],
            "not a resolver",
            "n’est pas l’adresse",
        ),
        (
            &["check", "good.test", "--smtp-port", "0"],
            "not a port",
            "n’est pas un numéro de port",
        ),
        (
            &["check", "good.test", "--brand", "akamai"],
            "unknown CDN",
            "CDN inconnu",
        ),
        (
            &["check", "good.test", "--format", "xml"],
            "unknown format",
            "format inconnu",
        ),
        (
            &[
                "check",
                "good.test",
                "--brand-file",
                "/nonexistent/brand.toml",
            ],
            "/nonexistent/brand.toml: file not found.",
            "/nonexistent/brand.toml\u{a0}: fichier introuvable.",
        ),
        (
            &["check"],
            "missing argument: the domain to check (DOMAIN).\nTry \"mxdoctor check --help\".",
            "argument manquant\u{a0}: le domaine à vérifier (DOMAINE).\nEssayez «\u{a0}mxdoctor check --help\u{a0}».",
        ),
        (
            &["check", "good.test", "--json", "--format", "markdown"],
            "--json and --format markdown cannot be used together: keep one of them.",
            "--json et --format markdown s’excluent\u{a0}: gardez l’un des deux.",
        ),
        (
            &["completions", "tcsh"],
            "unknown value \"tcsh\" for <SHELL>; expected one of: bash, elvish, fish, powershell, zsh.",
            "valeur inconnue «\u{a0}tcsh\u{a0}» pour <SHELL>\u{202f}; valeurs possibles\u{a0}: bash,",
        ),
        (
            &["demo", "nope"],
            "unknown demo",
            "scénario de démonstration inconnu",
        ),
    ];
    for (args, en, fr) in cases {
        for (lang, want) in [("C", en), ("fr_FR.UTF-8", fr)] {
            let out = mxdoctor(lang).args(*args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(
                stderr(&out).contains(want),
                "{args:?} {lang}: {}",
                stderr(&out)
            );
        }
    }
    let out = mxdoctor("C")
        .args(["check", "good.test", "--lang", "de"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn brand_files() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "id = \"x\"\nname = \"X\"\nproxy_ranges = [\"not-a-range\"]\n",
    )
    .unwrap();
    let out = check(&dns, &["good.test", "--brand-file", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is malformed"), "{}", stderr(&out));

    let good = dir.path().join("acme.toml");
    std::fs::write(
        &good,
        r#"id = "acme"
name = "AcmeCDN"
nameserver_suffixes = ["ns.acme.example"]
mail_service_suffixes = []
proxy_ranges = ["192.0.2.0/24"]
dashboard_url = "https://dash.acme.example/"
article_url = { en = "https://acme.example/en", fr = "https://acme.example/fr" }
"#,
    )
    .unwrap();
    let out = check(
        &dns,
        &["shared.test", "--brand-file", good.to_str().unwrap()],
    );
    let text = stdout(&out);
    assert!(text.contains("(orange cloud) at AcmeCDN"), "{text}");
    assert!(!text.contains("Cloudflare"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn report_is_written_once() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    let p = path.to_str().unwrap();
    let out = check(&dns, &["proxied.test", "--report", p]);
    assert_eq!(out.status.code(), Some(1));
    let report = std::fs::read_to_string(&path).unwrap();
    assert!(report.starts_with("# Mail delivery report for proxied.test"));
    for needle in [
        "mx-target-proxied",
        &dns.addr.to_string(),
        "| proxied.test | MX | OK | 10 mail.proxied.test. | 300 |",
        "| mail.proxied.test | A | OK | 104.16.3.2 | 300 |",
        &format!("mxdoctor {}", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(report.contains(needle), "{needle} missing from\n{report}");
    }

    std::fs::write(&path, "keep me").unwrap();
    let again = check(&dns, &["proxied.test", "--report", p]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");

    let forced = check(&dns, &["proxied.test", "--report", p, "--force"]);
    assert_eq!(forced.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("mx-target-proxied")
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "temporary files left behind");
    assert!(Path::new(p).exists());
}

#[test]
fn hostile_dns_text_is_neutralized_everywhere() {
    let dns = BackgroundDns::start();
    for format in ["text", "markdown", "json"] {
        let out = check(&dns, &["hostile.test", "--format", format, "--details"]);
        let text = stdout(&out);
        assert!(!text.contains('\u{1b}'), "{format}: raw escape");
        assert!(!text.contains('\u{7}'), "{format}: raw bell");
        assert!(
            !text.contains("\\u001b"),
            "{format}: JSON-escaped escape would come back raw"
        );
        assert!(
            text.contains("\\x1b"),
            "{format}: the escape should show as text\n{text}"
        );
    }
}

#[test]
fn french_output_and_help() {
    let dns = BackgroundDns::start();
    let out = mxdoctor("fr_FR.UTF-8")
        .args([
            "check",
            "--no-smtp",
            "--resolver",
            &dns.addr.to_string(),
            "proxied.test",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("(nuage orange) chez Cloudflare"), "{text}");
    assert!(text.contains("nuage gris"), "{text}");
    let out = mxdoctor("C")
        .args([
            "--lang",
            "fr",
            "check",
            "--no-smtp",
            "--resolver",
            &dns.addr.to_string(),
            "proxied.test",
        ])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Manque-t-il des enregistrements DNS"));

    let help = mxdoctor("fr_FR.UTF-8").arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let help = stdout(&help);
    assert!(help.contains("Utilisation\u{a0}:"), "{help}");
    assert!(help.contains("Serveur DNS à interroger"), "{help}");
    for french in [
        "mxdoctor [OPTIONS] [DOMAINE]",
        "mxdoctor <COMMANDE>",
        "--timeout <SECONDES>",
        "[par défaut\u{a0}: 3]",
        "Exemples\u{a0}:",
        "mxdoctor check exemple.fr --report ticket.md",
        "Codes de sortie",
    ] {
        assert!(help.contains(french), "{french} missing from\n{help}");
    }
    assert!(
        !help.contains("<SECS>") && !help.contains("[COMMAND]"),
        "{help}"
    );
    let help = stdout(&mxdoctor("C").arg("--help").output().unwrap());
    for english in [
        "mxdoctor [OPTIONS] [DOMAIN]",
        "--timeout <SECS>",
        "[default: 3]",
        "[default: 25]",
        "Examples:",
        "Exit codes: 0",
    ] {
        assert!(help.contains(english), "{english} missing from\n{help}");
    }
    let help = stdout(&mxdoctor("C").args(["check", "--help"]).output().unwrap());
    assert!(help.contains("DNS server to ask"), "{help}");
    let missing = mxdoctor("fr_FR.UTF-8")
        .args(["check", "good.test", "--timeout"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--timeout <SECONDES> demande une valeur"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn khulnasoft_brand_names_itself() {
    let dns = BackgroundDns::start();
    let out = check(&dns, &["proxied.test", "--brand", "khulnasoft"]);
    let text = stdout(&out);
    assert!(text.contains("(orange cloud) at Khulnasoft"), "{text}");
    assert!(text.contains("Khulnasoft dashboard"), "{text}");
    assert!(!text.contains("Cloudflare"), "{text}");
}

#[test]
fn demo_runs_without_network() {
    let out = mxdoctor("C").arg("demo").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for domain in [
        "healthy.example",
        "missing.example",
        "proxied.example",
        "apex.example",
        "shared.example",
        "cname.example",
        "synthesized.example",
    ] {
        assert!(text.contains(domain), "{domain}");
    }
    assert!(text.contains("(orange cloud) at Cloudflare"), "{text}");
    assert!(
        text.contains("answers on port"),
        "the demo greeter should answer\n{text}"
    );
    let one = mxdoctor("C")
        .args(["demo", "apex", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(v["domain"], "apex.example");
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg("-m")
        .arg("600")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn special_files_are_neither_read_nor_replaced() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
    // A FIFO with no writer would block a plain open for ever; /dev/zero
    // never ends; a directory is no file.
    for (path, en, fr) in [
        (
            fifo.as_path(),
            "not a regular file",
            "pas un fichier ordinaire",
        ),
        (
            Path::new("/dev/zero"),
            "not a regular file",
            "pas un fichier ordinaire",
        ),
        (dir.path(), "not a regular file", "pas un fichier ordinaire"),
        (big.as_path(), "larger than 1 MiB", "dépasse 1 Mio"),
    ] {
        for (lang, want) in [("C", en), ("fr_FR.UTF-8", fr)] {
            let out = mxdoctor(lang)
                .args(["check", "good.test", "--no-smtp", "--resolver"])
                .arg(dns.addr.to_string())
                .arg("--brand-file")
                .arg(path)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{path:?}");
            assert!(stderr(&out).contains(want), "{path:?}: {}", stderr(&out));
            assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        }
    }
    // --force replaces a regular file only.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    for path in [fifo.as_path(), sub.as_path()] {
        let out = check(
            &dns,
            &["good.test", "--report", path.to_str().unwrap(), "--force"],
        );
        assert_eq!(out.status.code(), Some(2), "{path:?}");
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(sub.is_dir());
}

#[test]
fn output_errors_and_closed_pipes() {
    let dns = BackgroundDns::start();
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let plain = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
            .args(args)
            .env("LANG", "C")
            .stdout(full())
            .output()
            .unwrap()
    };
    let addr = dns.addr.to_string();
    let out = plain(&["check", "good.test", "--no-smtp", "--resolver", &addr]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("cannot write the output"),
        "{}",
        stderr(&out)
    );
    for flag in ["--help", "--version"] {
        let out = plain(&[flag]);
        assert_eq!(out.status.code(), Some(3), "{flag}");
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    // A reader that has gone: no panic, no message.
    for args in [&["--help"][..], &["demo"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
            .args(args)
            .env("LANG", "C")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?}",
            out.status
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn argument_edges() {
    use std::os::unix::ffi::OsStrExt;
    let out = mxdoctor("C")
        .args(["check", "good.test", "--resolver", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a resolver"), "{}", stderr(&out));
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe");
    for (args, named) in [
        (vec![std::ffi::OsStr::new("check"), bad], "DOMAIN"),
        (
            vec![
                std::ffi::OsStr::new("check"),
                std::ffi::OsStr::new("good.test"),
                std::ffi::OsStr::new("--resolver"),
                bad,
            ],
            "--resolver",
        ),
    ] {
        for (lang, want) in [
            ("C", "not valid text"),
            ("fr_FR.UTF-8", "pas un texte valide"),
        ] {
            let out = mxdoctor(lang).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2));
            let err = stderr(&out);
            assert!(err.contains(want) && err.contains(named), "{err}");
        }
    }
}

#[test]
fn brand_file_text_is_cleaned() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.toml");
    std::fs::write(
        &file,
        "id = \"evil\\u001b[2J\"\nname = \"Evil\\u001b]0;pwned\\u0007CDN\\u202e\"\n\
         nameserver_suffixes = []\nmail_service_suffixes = []\n\
         proxy_ranges = [\"104.16.0.0/13\"]\ndashboard_url = \"https://x.example/\"\n\
         article_url = { en = \"https://x.example/en\", fr = \"https://x.example/fr\" }\n",
    )
    .unwrap();
    for format in ["text", "markdown", "json"] {
        let out = check(
            &dns,
            &[
                "proxied.test",
                "--format",
                format,
                "--brand-file",
                file.to_str().unwrap(),
            ],
        );
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{format}"
        );
        assert!(!text.contains('\u{202e}'), "{format}");
        // Shown as visible escapes (Markdown escapes them once more).
        assert!(
            text.contains("x1b") && text.contains("x07CDN"),
            "{format}: {text}"
        );
    }
}

/// The state of each step, as JSON gives it.
fn step_states(v: &serde_json::Value) -> Vec<(String, String)> {
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn step_states_in_every_output() {
    let dns = BackgroundDns::start();
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // Healthy: checked and passed.
    let out = check(&dns, &["good.test", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        step_states(&v),
        pairs(&[
            ("records", "ok"),
            ("proxy", "ok"),
            ("practices", "ok"),
            ("provider", "not-identified"),
        ])
    );
    assert_eq!(out.status.code(), Some(0));
    // No MX, proxied root: the implicit MX is proxied.
    let out = mxdoctor("C")
        .args(["demo", "missing", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        step_states(&v),
        pairs(&[
            ("records", "error"),
            ("proxy", "error"),
            ("practices", "ok"),
            ("provider", "not-identified"),
        ])
    );
    let implicit = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "mx-apex-proxied")
        .expect("the root is the implicit MX");
    assert_eq!(implicit["args"]["implicit"], true);

    // Nobody answers: nothing is checked, in every output.
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let dead = socket.local_addr().unwrap().to_string();
    let run = |lang: &str, format: &str| {
        mxdoctor(lang)
            .args(["check", "good.test", "--no-smtp", "--timeout", "0.1"])
            .args(["--resolver", &dead, "--format", format])
            .output()
            .unwrap()
    };
    let out = run("C", "json");
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for step in v["steps"].as_array().unwrap() {
        assert_eq!(step["state"], "not-checked", "{step}");
        assert_eq!(step["unanswered"][0]["status"], "timeout", "{step}");
    }
    for (format, lang, ok, unchecked) in [
        ("text", "C", "checked, nothing to fix", "— ? not checked"),
        (
            "text",
            "fr_FR.UTF-8",
            "vérifié, rien à corriger",
            "— ? non vérifié",
        ),
        (
            "markdown",
            "fr_FR.UTF-8",
            "vérifié, rien à corriger",
            "— ? non vérifié",
        ),
    ] {
        let out = run(lang, format);
        let text = stdout(&out);
        assert_eq!(
            text.matches(unchecked).count(),
            4,
            "{format} {lang}\n{text}"
        );
        assert!(
            !text.contains(ok) && !text.contains('✓'),
            "{format} {lang}\n{text}"
        );
        assert_eq!(out.status.code(), Some(3));
    }
}

/// Waits for `child` and returns its exit code and the highest resident
/// memory (KiB) seen while it ran.
fn wait_measured(mut child: std::process::Child) -> (i32, u64) {
    let mut peak = 0;
    loop {
        peak = peak.max(common::peak_kib(child.id()).unwrap_or(0));
        if let Some(code) = child.try_wait().unwrap() {
            return (code.code().unwrap_or(-1), peak);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Checks `count` domains of the wildcard zone as a batch: the exit code
/// and the process's peak resident memory (KiB).
fn batch_of(dns: &BackgroundDns, count: usize) -> (i32, u64) {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let names = (0..count).fold(String::new(), |mut s, n| {
        let _ = writeln!(s, "d{n}.wild.test");
        s
    });
    std::fs::write(&list, names).unwrap();
    let csv = dir.path().join("out.csv");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
        .args([
            "check",
            "--no-smtp",
            "--quiet",
            "--format",
            "csv",
            "--resolver",
        ])
        .arg(dns.addr.to_string())
        .arg("--from")
        .arg(&list)
        .env("LANG", "C")
        .stdout(std::fs::File::create(&csv).unwrap())
        .spawn()
        .unwrap();
    let (code, peak) = wait_measured(child);
    let text = std::fs::read_to_string(&csv).unwrap();
    let domains: std::collections::HashSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(domains.len(), count);
    // No failure of the tool's own making.
    assert!(!text.contains("lookup-failed"));
    (code, peak)
}

/// The speed and the exact figures are the benchmark's; this asserts only
/// that memory does not grow with the number of domains: twenty times the
/// domains, about the same peak.
#[test]
fn memory_does_not_grow_with_the_list() {
    let dns = BackgroundDns::start();
    let (code, small) = batch_of(&dns, 150);
    assert_eq!(code, 1);
    let (code, large) = batch_of(&dns, 3000);
    assert_eq!(code, 1);
    eprintln!("peak: 150 domains {small} KiB, 3000 domains {large} KiB");
    // 2,850 more domains: a kilobyte kept per domain would show as 2.8 MiB.
    // The peak of the same list moves by up to a megabyte from one run to
    // the next (how many domains are in flight when the answers come), so
    // the line is drawn at 2 MiB: above the noise, below a real leak.
    assert!(
        large < small + 2048,
        "150 domains: {small} KiB; 3000 domains: {large} KiB"
    );
    assert!(large < 150 * 1024, "peak resident memory {large} KiB");
}

/// Runs `check` with `stdin` as standard input.
fn check_with_stdin(dns: &BackgroundDns, args: &[&str], stdin: &str) -> Output {
    mxdoctor("C")
        .args(["check", "--no-smtp", "--resolver", &dns.addr.to_string()])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

#[test]
fn domains_from_stdin_files_and_arguments() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(&list, "# customers\n\nno-mx.test\r\nbad..name\nGOOD.test\n").unwrap();
    let out = check_with_stdin(
        &dns,
        &["good.test", "-", "--from", list.to_str().unwrap(), "--json"],
        "proxied.test\nnot a domain\ngood.test\n",
    );
    let domains: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["schema"], 2);
            v["domain"].as_str().unwrap().to_string()
        })
        .collect();
    let mut sorted = domains.clone();
    sorted.sort();
    // Each once, whatever the source and the case.
    assert_eq!(sorted, ["good.test", "no-mx.test", "proxied.test"]);
    let err = stderr(&out);
    assert!(err.contains("standard input, line 2:"), "{err}");
    assert!(
        err.contains(&format!("{}, line 4:", list.display())),
        "{err}"
    );
    assert!(err.contains("3 domains checked"), "{err}");
    assert!(
        err.contains("1 with errors") || err.contains("2 with errors"),
        "{err}"
    );
    // Errors found outrank the bad lines.
    assert_eq!(out.status.code(), Some(1));

    // --ordered keeps the input's order.
    let out = check_with_stdin(
        &dns,
        &["-", "--json", "--ordered", "--jobs", "3"],
        "proxied.test\ngood.test\nno-mx.test\napex.test\n",
    );
    let order: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["domain"].to_string())
        .collect();
    assert_eq!(
        order,
        [
            "\"proxied.test\"",
            "\"good.test\"",
            "\"no-mx.test\"",
            "\"apex.test\""
        ]
    );
}

#[test]
fn exit_code_precedence_in_a_batch() {
    let dns = BackgroundDns::start();
    // Only bad lines besides healthy domains: 2.
    let out = check_with_stdin(&dns, &["-", "--quiet"], "good.test\n*.bad\n");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // --quiet: the bad line is still said, the summary is not.
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("checked"), "{}", stderr(&out));
    // A domain with errors: 1, over the bad line.
    let out = check_with_stdin(&dns, &["-"], "proxied.test\n*.bad\n");
    assert_eq!(out.status.code(), Some(1));
    // A domain not checked, and a bad line: 3.
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let dead = socket.local_addr().unwrap().to_string();
    let out = mxdoctor("C")
        .args([
            "check",
            "-",
            "--no-smtp",
            "--timeout",
            "0.2",
            "--resolver",
            &dead,
        ])
        .write_stdin("good.test\n*.bad\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // French summary.
    let out = mxdoctor("fr_FR.UTF-8")
        .args([
            "check",
            "-",
            "--no-smtp",
            "--resolver",
            &dns.addr.to_string(),
        ])
        .write_stdin("good.test\nproxied.test\n")
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("2 domaines vérifiés"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_one_row_per_finding() {
    let dns = BackgroundDns::start();
    let out = check(&dns, &["proxied.test", "hostile.test", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "domain", "step", "code", "severity", "host", "address", "message"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let proxied = rows
        .iter()
        .find(|r| &r[2] == "mx-target-proxied")
        .expect("a row per finding");
    assert_eq!(&proxied[0], "proxied.test");
    assert_eq!(&proxied[1], "proxy");
    assert_eq!(&proxied[3], "error");
    assert_eq!(&proxied[4], "mail.proxied.test");
    assert_eq!(&proxied[5], "104.16.3.2");
    assert!(proxied[6].contains("Cloudflare"));
    for r in &rows {
        assert_eq!(r.len(), 7);
        assert!(!r.iter().any(|c| c.contains('\u{1b}')));
        assert!(
            !r.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
            "{r:?}"
        );
    }
    let findings = |domain: &str| rows.iter().filter(|r| &r[0] == domain).count();
    assert!(findings("proxied.test") >= 1 && findings("hostile.test") >= 1);
}

#[test]
fn results_stream_as_they_finish() {
    use std::io::{BufRead, BufReader, Write as _};
    let dns = BackgroundDns::start();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
        .args(["check", "-", "--json", "--no-smtp", "--resolver"])
        .arg(dns.addr.to_string())
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    writeln!(stdin, "good.test").unwrap();
    // The first result comes while the input is still open: nothing waits
    // for the last domain.
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("\"domain\":\"good.test\""), "{first}");
    writeln!(stdin, "proxied.test").unwrap();
    drop(stdin);
    let second = lines.next().unwrap().unwrap();
    assert!(second.contains("proxied.test"), "{second}");
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn compare_resolvers_takes_a_list_and_is_never_asked_unless_given() {
    let dns = BackgroundDns::start();
    let o = check(&dns, &["good.test", "--compare-resolvers=not-an-address"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let sources = |o: &Output| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["lookups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["source"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = check(&dns, &["good.test", "--json"]);
    assert!(!sources(&plain).contains(&"compared".to_string()));
    let compared = check(
        &dns,
        &[
            "good.test",
            "--json",
            &format!("--compare-resolvers={}", dns.addr),
        ],
    );
    assert_eq!(compared.status.code(), Some(0), "{}", stderr(&compared));
    assert!(sources(&compared).contains(&"compared".to_string()));
}

#[test]
fn with_json_a_usage_error_is_also_a_json_object() {
    let dns = BackgroundDns::start();
    for (args, id) in [
        (
            vec!["good.test", "--json", "--timeout", "soon"],
            "opt-bad-timeout",
        ),
        (
            vec!["good.test", "--format", "json", "--bogus"],
            "cli-unknown-argument",
        ),
        (vec!["bad..name", "--format=json"], "input-empty-label"),
    ] {
        let o = check(&dns, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&o)));
        assert!(
            v["error"]["id"].as_str().unwrap().starts_with(id),
            "{args:?}: {v}"
        );
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
        assert!(
            stderr(&o).lines().any(|l| !l.is_empty()),
            "the line on stderr stays"
        );
    }
    // Without JSON, stdout stays empty.
    let o = check(&dns, &["good.test", "--timeout", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

fn config(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/config")
        .join(name)
        .display()
        .to_string()
}

/// The config file: read, layered under the command line, checked by the
/// same code; a bad one is one clear line and exit 2.
#[test]
fn a_config_file_gives_defaults_the_command_line_overrides() {
    let dns = BackgroundDns::start();
    let valid = config("valid.toml");
    let fr = check(&dns, &["proxied.test", "--config", &valid]);
    assert!(
        stdout(&fr).contains("2. Ne traitez pas par proxy") || stdout(&fr).contains("problème"),
        "{}",
        stdout(&fr)
    );
    let en = check(&dns, &["proxied.test", "--config", &valid, "--lang", "en"]);
    assert!(
        stdout(&en).contains("2. Mail records must not be proxied"),
        "{}",
        stdout(&en)
    );
    // The resolver from the file, when the command line names none.
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("config.toml");
    std::fs::write(
        &own,
        format!("resolver = [\"{}\"]\nsmtp_port = 2525\n", dns.addr),
    )
    .unwrap();
    let o = mxdoctor("C")
        .args(["check", "good.test", "--no-smtp", "--json", "--config"])
        .arg(&own)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["resolvers"], serde_json::json!([dns.addr.to_string()]));
    for (file, words) in [
        ("unknown-key.toml", "is not valid"),
        ("bad-value.toml", "\"soon\""),
        ("missing.toml", "cannot read the config file"),
    ] {
        let o = check(&dns, &["good.test", "--config", &config(file)]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stderr(&o).contains(words), "{file}: {}", stderr(&o));
    }
    let template = mxdoctor("C")
        .args(["config", "--print-template"])
        .output()
        .unwrap();
    let text = stdout(&template);
    let uncommented: String = text
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .filter(|l| l.contains(" = "))
        .map(|l| l.split(" #").next().unwrap_or(l).to_string() + "\n")
        .collect();
    let written = dir.path().join("template.toml");
    std::fs::write(&written, uncommented).unwrap();
    let o = mxdoctor("C")
        .args([
            "check",
            "good.test",
            "--no-smtp",
            "--resolver",
            &dns.addr.to_string(),
            "--config",
        ])
        .arg(&written)
        .output()
        .unwrap();
    // The template's own values load (its example paths do not exist).
    assert!(
        stderr(&o).contains("brand.toml") || o.status.code() == Some(0),
        "{}",
        stderr(&o)
    );
}

/// The trust store's environment is read as any file is: a FIFO, a device
/// or a folder holding a file too large is one clear line and exit 2, at
/// once, and no report (the walk runs beside the questions, and the
/// answers here come at once).
#[test]
fn the_trust_stores_environment_is_held_to_regular_files() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    // Enough small files that the walk is still going when the answers
    // are in.
    for n in 0..4000 {
        std::fs::write(certs.join(format!("{n:08x}.0")), "").unwrap();
    }
    // Sparse: 17 MiB that take no room.
    std::fs::File::create(certs.join("hash.0"))
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let cases = [
        ("SSL_CERT_FILE", fifo.display().to_string()),
        ("SSL_CERT_FILE", "/dev/zero".to_string()),
        ("SSL_CERT_DIR", certs.display().to_string()),
    ];
    for (var, value) in cases {
        let start = std::time::Instant::now();
        let out = mxdoctor("C")
            .env(var, &value)
            .args(["check", "good.test", "--no-smtp", "--resolver"])
            .arg(dns.addr.to_string())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{var}={value}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(var), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "{}", stdout(&out));
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}

/// A secret put under the wrong key is never echoed by the config's error;
/// a token file others can read gets a warning, as ssh gives for a key.
#[test]
fn secrets_in_files_stay_secret() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let secret = "sekret-in-the-wrong-key-4411";
    for text in [
        format!("resolver = \"{secret}\"\n"),
        format!("lang = [\"{secret}\"]\n"),
    ] {
        std::fs::write(&config, text).unwrap();
        let out = mxdoctor("C")
            .args(["check", "good.test", "--config"])
            .arg(&config)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(!stderr(&out).contains(secret), "{}", stderr(&out));
        assert!(!stdout(&out).contains(secret));
    }
    let dns = BackgroundDns::start();
    let token = dir.path().join("token");
    std::fs::write(&token, "a-token\n").unwrap();
    for (mode, warned) in [(0o644, true), (0o600, false)] {
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = mxdoctor("C")
            .env("MXDOCTOR_CLOUDFLARE_API", "http://127.0.0.1:9")
            .args(["check", "good.test", "--no-smtp", "--resolver"])
            .arg(dns.addr.to_string())
            .arg("--api-token-file")
            .arg(&token)
            .output()
            .unwrap();
        assert_eq!(
            stderr(&out).contains("can be read by other users"),
            warned,
            "{mode:o}: {}",
            stderr(&out)
        );
    }
}

/// `--qps N` holds: every query of a run (to the resolver and to the
/// zone's own server, resends and retries over TCP included) passes one
/// relay that notes when it came. Over any ten seconds there are at most
/// 10 % more than 10·N, and the pace is reached: at least 10 % fewer.
#[test]
fn qps_holds_over_any_ten_seconds() {
    const QPS: usize = 100;
    const WINDOW: Duration = Duration::from_secs(10);
    let dns = BackgroundDns::start();
    let relay = common::SlowRelay::start(dns.addr, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    // Far more than ten seconds of queries.
    let names = (0..2000).fold(String::new(), |mut s, n| {
        let _ = writeln!(s, "d{n}.paced.test");
        s
    });
    std::fs::write(&list, names).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
        .args(["check", "--no-smtp", "--quiet", "--format", "csv"])
        .args(["--qps", &QPS.to_string()])
        .args(["--resolver", &relay.addr.to_string()])
        .args(["--ns-port", &relay.addr.port().to_string()])
        .arg("--from")
        .arg(&list)
        .env("LANG", "C")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(WINDOW + Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let times = relay.times();
    let first = *times.first().expect("no query at all");
    let mut busiest = 0;
    let mut end = 0;
    for (start, t) in times.iter().enumerate() {
        while times.get(end).is_some_and(|u| *u < *t + WINDOW) {
            end += 1;
        }
        busiest = busiest.max(end - start);
    }
    let in_first = times.iter().filter(|t| **t < first + WINDOW).count();
    assert!(
        busiest <= QPS * 10 * 11 / 10,
        "{busiest} queries in ten seconds at --qps {QPS}"
    );
    assert!(
        in_first >= QPS * 10 * 9 / 10,
        "only {in_first} queries in the first ten seconds at --qps {QPS}"
    );
}

/// The summary counts the DNS questions that went out: every one the
/// resolver and the zone's own server got (through one relay), in both
/// languages, and nothing more.
#[test]
fn the_summary_counts_the_questions_sent() {
    let dns = BackgroundDns::start();
    for (lang, said) in [
        ("C", " DNS questions asked."),
        ("fr_FR.UTF-8", " questions DNS posées."),
    ] {
        let relay = common::SlowRelay::start(dns.addr, Duration::ZERO);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
            .args(["check", "--no-smtp", "--format", "csv"])
            .args(["--resolver", &relay.addr.to_string()])
            .args(["--ns-port", &relay.addr.port().to_string()])
            .args(["d1.wild.test", "d2.wild.test", "good.test", "proxied.test"])
            .env("LANG", lang)
            .output()
            .unwrap();
        let err = stderr(&out);
        let counted: usize = err
            .lines()
            .find_map(|l| l.strip_suffix(said))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count of questions in\n{err}"));
        assert!(counted > 4 * 10, "{counted} questions for four domains");
        assert_eq!(counted, relay.questions(), "{err}");
    }
}

/// A batch interrupted by SIGINT, SIGTERM or SIGHUP keeps what it did:
/// the report holds the domains finished and says it is incomplete, no
/// temporary file is left, and the exit code is 128 + the signal.
#[test]
fn an_interrupted_batch_keeps_its_report() {
    let dns = BackgroundDns::start();
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("domains.txt");
        let names = (0..3000).fold(String::new(), |mut s, n| {
            let _ = writeln!(s, "d{n}.wild.test");
            s
        });
        std::fs::write(&list, names).unwrap();
        let report = dir.path().join("report.md");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mxdoctor"))
            // Paced: a few domains a second, so the signal surely comes
            // before the end, however fast the machine.
            .args([
                "check",
                "--no-smtp",
                "--quiet",
                "--qps",
                "300",
                "--format",
                "csv",
            ])
            .arg("--resolver")
            .arg(dns.addr.to_string())
            .arg("--from")
            .arg(&list)
            .arg("--report")
            .arg(&report)
            .env("LANG", "C")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The signal comes once a domain is done, whatever the load.
        let mut rows = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let done = rows
            .find_map(|row| {
                let row = row.ok()?;
                let domain = row.split(',').next()?.trim_matches('"').to_string();
                domain.ends_with(".wild.test").then_some(domain)
            })
            .expect("a domain done");
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        // Every row written before the signal, or held and written on it.
        let mut shown: std::collections::BTreeSet<String> = rows
            .map_while(Result::ok)
            .filter_map(|row| {
                row.split(',')
                    .next()
                    .map(|d| d.trim_matches('"').to_string())
            })
            .filter(|d| d.ends_with(".wild.test"))
            .collect();
        shown.insert(done.clone());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{signal}");
        let written = std::fs::read_to_string(&report).unwrap();
        assert!(written.contains(&done), "{signal}: {done} not kept");
        let counted: usize = written
            .split("Incomplete: the run was interrupted after ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next()?.parse().ok())
            .unwrap_or_else(|| panic!("{signal}: no count in the report"));
        // stdout kept every domain the report did.
        assert_eq!(shown.len(), counted, "{signal}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{signal}: left {left:?}");
    }
}

/// The demo tells the truth: each scenario shows what it is meant to show,
/// and nothing its zone does not hold (its CDN account holds every zone).
#[test]
fn every_demo_scenario_shows_what_it_is_for() {
    let expected: &[(&str, &[&str])] = &[
        ("healthy.example", &[]),
        (
            "missing.example",
            &[
                "dmarc-missing",
                "mx-apex-proxied",
                "mx-missing",
                "spf-missing",
            ],
        ),
        ("proxied.example", &["mx-target-proxied"]),
        ("apex.example", &["mx-apex-proxied"]),
        ("shared.example", &["mail-web-shared-ip"]),
        ("cname.example", &["mx-target-cname"]),
        ("synthesized.example", &["mx-synthesized"]),
    ];
    let out = mxdoctor("C").args(["demo", "--json"]).output().unwrap();
    let mut seen = 0;
    for line in stdout(&out).lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let domain = v["domain"].as_str().unwrap();
        let findings = v["findings"].as_array().unwrap();
        let mut shown: Vec<&str> = findings
            .iter()
            .filter(|f| matches!(f["severity"].as_str(), Some("error" | "warning")))
            .filter_map(|f| f["code"].as_str())
            .collect();
        shown.sort_unstable();
        let (_, want) = expected.iter().find(|(d, _)| *d == domain).unwrap();
        assert_eq!(shown, *want, "{domain}");
        assert!(
            findings
                .iter()
                .all(|f| !f["code"].as_str().unwrap_or("").starts_with("api-")),
            "{domain}: {findings:?}"
        );
        if domain == "healthy.example" {
            assert!(findings.iter().any(|f| f["code"] == "all-clear"));
        }
        seen += 1;
    }
    assert_eq!(seen, expected.len());
}

/// `mxdoctor spf` evaluates as a receiver: on a proxied apex with the
/// hosting panel's "v=spf1 a mx -all", the web server that sends fails,
/// decided by -all, with the tree of what each term cost; JSON carries
/// the same. Exit 0 whatever the result; a bad address is exit 2.
#[test]
fn spf_says_what_a_receiver_concludes() {
    let dns = BackgroundDns::start();
    let run = |lang: &str, args: &[&str]| {
        mxdoctor(lang)
            .args(["spf", "--resolver", &dns.addr.to_string()])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(
        "C",
        &["--ip", "198.51.100.7", "--sender", "site@spfproxied.test"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "SPF for 198.51.100.7 sending as site@spfproxied.test (HELO spfproxied.test): fail"
        ),
        "{text}"
    );
    assert!(text.contains("Decided by: -all"), "{text}");
    assert!(text.contains("  a  (1 lookup)"), "{text}");
    let mail = run(
        "C",
        &[
            "--ip",
            "192.0.2.77",
            "--sender",
            "site@spfproxied.test",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&mail)).unwrap();
    assert_eq!(v["result"], "pass");
    assert_eq!(v["mechanism"], "mx");
    assert_eq!(v["lookups"], 2);
    assert_eq!(v["tree"]["terms"][1]["matched"], true);
    let fr = run(
        "fr_FR.UTF-8",
        &["--ip", "198.51.100.7", "--sender", "site@spfproxied.test"],
    );
    assert!(
        stdout(&fr).contains("Décidé par\u{a0}: -all"),
        "{}",
        stdout(&fr)
    );
    let bad = run("C", &["--ip", "not-an-ip", "--sender", "a@spfproxied.test"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("\"not-an-ip\" is not an IP address"),
        "{}",
        stderr(&bad)
    );
}

/// `check --sender-ip` on a proxied apex with "v=spf1 a mx -all": the web
/// server that sends fails, decided by -all, and the record is why (`a`
/// authorises the proxy); the mail host passes, by `mx`. The config file's
/// `sender_ip` does the same; a bad address is exit 2.
#[test]
fn check_judges_each_sending_server() {
    let dns = BackgroundDns::start();
    let json = |out: &Output| -> serde_json::Value { serde_json::from_str(&stdout(out)).unwrap() };
    let found = |v: &serde_json::Value, code: &str| -> Vec<serde_json::Value> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .cloned()
            .collect()
    };
    let out = check(
        &dns,
        &[
            "spfproxied.test",
            "--json",
            "--sender-ip",
            "198.51.100.7",
            "--sender-ip",
            "192.0.2.77",
        ],
    );
    let v = json(&out);
    let failed = found(&v, "spf-sender-fail");
    assert_eq!(failed.len(), 1, "{v}");
    assert_eq!(failed[0]["args"]["ip"], "198.51.100.7");
    assert_eq!(failed[0]["args"]["result"], "fail");
    assert_eq!(failed[0]["args"]["mechanism"], "-all");
    assert_eq!(failed[0]["severity"], "error");
    assert_eq!(found(&v, "spf-authorises-proxy").len(), 1, "{v}");
    let passed = found(&v, "spf-sender-pass");
    assert_eq!(passed[0]["args"]["mechanism"], "mx");
    // The record's tree, as receivers evaluate it, in JSON and Markdown.
    assert_eq!(v["spf"]["lookups"], 2, "{v}");
    assert_eq!(v["spf"]["tree"]["terms"][0]["term"], "a");
    let md = check(&dns, &["spfproxied.test", "--format", "markdown"]);
    assert!(
        stdout(&md).contains("\n  - a  (1 lookup)\n"),
        "{}",
        stdout(&md)
    );
    let fr = mxdoctor("fr_FR.UTF-8")
        .args(["check", "--no-smtp", "--resolver", &dns.addr.to_string()])
        .args(["spfproxied.test", "--sender-ip", "198.51.100.7"])
        .output()
        .unwrap();
    assert!(
        stdout(&fr).contains("SPF donne «\u{a0}fail\u{a0}» pour 198.51.100.7"),
        "{}",
        stdout(&fr)
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "sender_ip = [\"198.51.100.7\"]\n").unwrap();
    let out = check(
        &dns,
        &[
            "spfproxied.test",
            "--json",
            "--config",
            config.to_str().unwrap(),
        ],
    );
    assert_eq!(found(&json(&out), "spf-sender-fail").len(), 1);
    let bad = check(&dns, &["spfproxied.test", "--sender-ip", "web-server"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("\"web-server\" is not an IP address for --sender-ip"),
        "{}",
        stderr(&bad)
    );
}

/// good.test then proxied.test, in `format`.
fn good_and_proxied(format: &str) -> String {
    let dns = BackgroundDns::start();
    let out = check(
        &dns,
        &["good.test", "proxied.test", "--format", format, "--ordered"],
    );
    stdout(&out)
}

/// `--format summary`: one line per domain, its four steps' marks and its
/// worst finding's code, for scripts and grep.
#[test]
fn one_line_per_domain_for_scripts() {
    let text = good_and_proxied("summary");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let fields: Vec<Vec<&str>> = lines.iter().map(|l| l.split(' ').collect()).collect();
    assert_eq!(fields[0][0], "good.test");
    assert_eq!(fields[0][2], "-", "nothing wrong: {text}");
    assert_eq!(fields[1][0], "proxied.test");
    assert_eq!(fields[1][1].chars().nth(1), Some('✗'), "{text}");
    assert_eq!(fields[1][2], "mx-target-proxied", "{text}");
    assert!(
        fields
            .iter()
            .all(|f| f.len() == 3 && f[1].chars().count() == 4)
    );
    assert!(!text.contains('\u{1b}'));
}

/// `--color` beside `NO_COLOR`: always colours a pipe, never colours
/// nothing, auto follows `NO_COLOR`.
#[test]
fn colour_when_asked_and_never_otherwise() {
    let dns = BackgroundDns::start();
    let coloured = |extra: &[&str], no_color: Option<&str>| {
        let mut cmd = mxdoctor("C");
        cmd.args([
            "check",
            "proxied.test",
            "--no-smtp",
            "--resolver",
            &dns.addr.to_string(),
        ])
        .args(extra);
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        };
        stdout(&cmd.output().unwrap()).contains('\u{1b}')
    };
    assert!(coloured(&["--color", "always"], Some("1")));
    assert!(!coloured(&["--color", "never"], None));
    // A pipe is no terminal: auto leaves it plain.
    assert!(!coloured(&[], None));
    let bad = mxdoctor("fr_FR.UTF-8")
        .args(["check", "x.example", "--color", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("«\u{a0}sometimes\u{a0}» pour --color"),
        "{}",
        stderr(&bad)
    );
    let bad = mxdoctor("C")
        .args(["check", "x.example"])
        .env("MXDOCTOR_THEME", "sepia")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("MXDOCTOR_THEME"), "{}", stderr(&bad));
}

/// A resolver nothing listens at tells one story: not checked (never
/// "error" or "no error"), the cause in words, exit 3.
#[test]
fn an_unreachable_resolver_tells_one_story() {
    // A port just freed on loopback: the kernel answers "port unreachable".
    let addr = {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        socket.local_addr().unwrap().to_string()
    };
    for (lang, body, closing, stderr_says) in [
        (
            "C",
            "? not checked — 24 lookups failed",
            "Check incomplete: 4 steps not checked (DNS lookups failed).",
            "the server cannot be reached from this machine",
        ),
        (
            "fr_FR.UTF-8",
            "? non vérifié — 24 requêtes ont échoué",
            "Vérification incomplète\u{a0}: 4 étapes non vérifiées (des requêtes DNS ont échoué).",
            "le serveur est injoignable depuis cette machine",
        ),
    ] {
        let out = mxdoctor(lang)
            .args(["check", "good.test", "--no-smtp", "--no-authoritative"])
            .args(["--timeout", "1", "--resolver", &addr])
            .output()
            .unwrap();
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(3), "{text}");
        assert!(text.contains(body), "{text}");
        assert!(text.trim_end().ends_with(closing), "{text}");
        assert!(!text.contains("✗"), "{text}");
        assert!(stderr(&out).contains(stderr_says), "{}", stderr(&out));
    }
}

/// README's JSON sample is the real output of the current schema: the
/// demo's, each list but `steps` cut to its first item, times and ports
/// aside.
#[test]
fn the_readme_json_sample_is_the_real_output() {
    fn cut(v: &serde_json::Value, key: &str) -> serde_json::Value {
        match v {
            serde_json::Value::Array(items) => {
                let keep = if key == "steps" { items.len() } else { 1 };
                items.iter().take(keep).map(|i| cut(i, "")).collect()
            }
            serde_json::Value::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    let v = match k.as_str() {
                        "started_at" | "elapsed_ms" => serde_json::Value::Null,
                        _ => cut(v, k),
                    };
                    (k.clone(), v)
                })
                .collect(),
            serde_json::Value::String(s) if s.starts_with("127.0.0.1:") => {
                serde_json::Value::String("127.0.0.1:PORT".into())
            }
            other => other.clone(),
        }
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("\n## JSON\n").nth(1).unwrap();
    let sample = section
        .split("```json\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .unwrap();
    let sample: serde_json::Value = serde_json::from_str(sample).unwrap();
    let out = mxdoctor("C")
        .args(["demo", "proxied", "--json"])
        .output()
        .unwrap();
    let real: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        cut(&sample, ""),
        cut(&real, ""),
        "README's sample differs from `mxdoctor demo proxied --json`:\n{}",
        serde_json::to_string_pretty(&cut(&real, "")).unwrap()
    );
}

/// `mxdoctor config` says where the file is read from and whether it is
/// there yet.
#[test]
fn config_says_whether_the_file_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let said = |lang: &str| {
        let out = mxdoctor(lang)
            .env("XDG_CONFIG_HOME", dir.path())
            .arg("config")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        stdout(&out)
    };
    assert!(
        said("C").contains("config.toml (not there yet; or --config PATH)"),
        "{}",
        said("C")
    );
    assert!(
        said("fr_FR.UTF-8").contains("(absent pour l’instant"),
        "{}",
        said("fr_FR.UTF-8")
    );
    std::fs::create_dir_all(dir.path().join("mxdoctor")).unwrap();
    std::fs::write(dir.path().join("mxdoctor/config.toml"), "").unwrap();
    assert!(
        said("C").contains("config.toml (present; or --config PATH)"),
        "{}",
        said("C")
    );
    // Without HOME, the file is where XDG_CONFIG_HOME says, and nowhere
    // when it says nothing: the password database is never asked.
    let homeless = |xdg: Option<&std::path::Path>| {
        let mut cmd = mxdoctor("C");
        cmd.env_remove("HOME").env_remove("XDG_CONFIG_HOME");
        if let Some(xdg) = xdg {
            cmd.env("XDG_CONFIG_HOME", xdg);
        }
        let out = cmd.arg("config").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let expected = dir.path().join("mxdoctor").join("config.toml");
    let with_xdg = homeless(Some(dir.path()));
    assert!(
        with_xdg.contains(&format!("{} (present", expected.display())),
        "{with_xdg}"
    );
    let without = homeless(None);
    assert!(!without.contains("config.toml"), "{without}");
}

/// Each subcommand's help lists the options that apply to it: the
/// diagnosis options under a heading of their own, none of them for
/// printing a completion script; `check` and `fix` give examples and
/// their exit codes, `demo` what each scenario shows.
#[test]
fn subcommand_help_says_what_applies_there() {
    let help = |lang: &str, args: &[&str]| stdout(&mxdoctor(lang).args(args).output().unwrap());
    let completions = help("C", &["completions", "--help"]);
    assert!(!completions.contains("--smtp-port"), "{completions}");
    assert!(!completions.contains("Diagnosis options"), "{completions}");
    let check = help("C", &["check", "--help"]);
    assert!(check.contains("Diagnosis options:"), "{check}");
    assert!(check.contains("--smtp-port"), "{check}");
    assert!(
        check.contains("Exit codes: 0 every step checked"),
        "{check}"
    );
    let fix = help("fr_FR.UTF-8", &["fix", "--help"]);
    assert!(fix.contains("Options du diagnostic\u{a0}:"), "{fix}");
    assert!(
        fix.contains("Codes de sortie\u{a0}: 0 la correction"),
        "{fix}"
    );
    assert!(fix.contains("Jetons API"), "{fix}");
    let demo = help("C", &["demo", "--help"]);
    assert!(
        demo.contains("cname        The MX target is an alias."),
        "{demo}"
    );
    // Help and version come last, as at the top level.
    let top = help("C", &["--help"]);
    let options = top.split("Options:").nth(1).unwrap_or_default();
    assert!(options.trim_start().starts_with("-h, --help"), "{top}");
}

/// `check --details` reads as dig does: the verdict under the headline,
/// then the lookups in aligned columns, an empty answer with nothing
/// after its status but the server.
#[test]
fn details_are_aligned_under_a_verdict() {
    let dns = BackgroundDns::start();
    let out = check(&dns, &["proxied.test", "--details"]);
    let text = stdout(&out);
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(
        second.starts_with("✗ Something stops mail for proxied.test"),
        "{text}"
    );
    let lookups: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Lookups")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(lookups.len() > 5, "{text}");
    // Every line's TTL column ends at the same place.
    let ends: std::collections::BTreeSet<usize> = lookups
        .iter()
        .map(|l| l.chars().count() - l.split(" ms ").nth(1).unwrap_or_default().chars().count())
        .collect();
    assert_eq!(ends.len(), 1, "{lookups:#?}");
    assert!(!text.contains("→ -"), "{text}");
}

/// `--format csv-domains`: one row per domain for an audit sheet, the
/// four steps' states and the worst finding.
#[test]
fn one_csv_row_per_domain() {
    let text = good_and_proxied("csv-domains");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows.first().copied(),
        Some("domain,records,proxy,practices,provider,worst_code,severity,message")
    );
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows[1].starts_with("good.test,ok,ok,"), "{text}");
    assert!(
        rows[1].ends_with(",,,") || rows[1].contains(",warning,"),
        "{text}"
    );
    assert!(
        rows[2].starts_with("proxied.test,ok,error,")
            && rows[2].contains(",mx-target-proxied,error,"),
        "{text}"
    );
}

/// A list is shared out among a thread per core, each asking on sockets
/// of its own (four per resolver): with two cores or more, questions come
/// from more than one thread's sockets. `--ordered` still writes the
/// domains in the input's order, each whole.
#[test]
fn a_list_takes_every_core_and_keeps_its_order() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let dns = BackgroundDns::start();
    let relay = common::SlowRelay::start(dns.addr, Duration::from_millis(2));
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let names: Vec<String> = (0..60).map(|n| format!("o{n}.wild.test")).collect();
    std::fs::write(&list, names.join("\n")).unwrap();
    let out = common::bin("en")
        .args([
            "check",
            "--no-smtp",
            "--quiet",
            "--ordered",
            "--format",
            "csv",
        ])
        .args(["--resolver", &relay.addr.to_string()])
        .arg("--from")
        .arg(&list)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut order: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    order.dedup();
    assert_eq!(order, names, "{text}");
    let sockets = relay.sockets();
    if cores > 1 {
        assert!(sockets > 4, "{sockets} sockets on {cores} cores");
    } else {
        assert_eq!(sockets, 4);
    }
}

/// A domain's rows of a CSV report, sorted.
fn rows(out: &[u8], domain: &str) -> Vec<String> {
    let mut rows: Vec<String> = String::from_utf8_lossy(out)
        .lines()
        .filter(|l| l.starts_with(&format!("{domain},")))
        .map(String::from)
        .collect();
    rows.sort();
    rows
}

/// In a batch, what lies outside each domain and every domain asks (here
/// the one mail host of the wildcard zone, and the zone's DMARC record) is
/// asked once, while each domain's own questions are still each asked; the
/// findings are those each domain gets on its own. A datagram sent again
/// for want of an answer, under a loaded machine, is the same question.
#[test]
fn a_batch_asks_a_shared_name_once() {
    let dns = BackgroundDns::start();
    let relay = common::SlowRelay::start(dns.addr, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let names = (0..40).fold(String::new(), |mut s, n| {
        let _ = writeln!(s, "s{n}.wild.test");
        s
    });
    std::fs::write(&list, names).unwrap();
    let batch = common::bin("en")
        .args(["check", "--no-smtp", "--quiet", "--format", "csv"])
        .args(["--resolver", &relay.addr.to_string()])
        .arg("--from")
        .arg(&list)
        .output()
        .unwrap();
    for question in ["mail.wild.test CNAME", "_dmarc.wild.test TXT"] {
        assert_eq!(relay.distinct(question), 1, "{question}");
    }
    // The DNSSEC chain asks the mail host again, with the DO bit (which
    // the relay does not tell apart): once for the batch too, beside the
    // plain question.
    assert_eq!(relay.distinct("mail.wild.test A"), 2);
    assert_eq!(relay.distinct("_25._tcp.mail.wild.test TLSA"), 1);
    assert_eq!(relay.distinct("www.s7.wild.test A"), 1);
    assert_eq!(relay.distinct("_dmarc.s7.wild.test TXT"), 1);
    let alone = common::bin("en")
        .args(["check", "--no-smtp", "--quiet", "--format", "csv"])
        .args(["--resolver", &relay.addr.to_string(), "s7.wild.test"])
        .output()
        .unwrap();
    // Asked again for a check of its own: a shelf lives one batch.
    assert_eq!(relay.distinct("mail.wild.test CNAME"), 2);
    let own = rows(&alone.stdout, "s7.wild.test");
    assert!(!own.is_empty());
    assert_eq!(rows(&batch.stdout, "s7.wild.test"), own);
}

/// Every test zone's domain, checked in one batch, gets the findings it
/// gets on its own: what a batch shares between domains (answers, the
/// zones' servers, the DNSSEC chain) never takes a finding away or adds
/// one. The rows are compared whole, domain by domain.
#[test]
fn every_domain_finds_in_a_batch_what_it_finds_alone() {
    let dns = BackgroundDns::start();
    let server = dns.addr.to_string();
    // The zones whose server is ns1.test (127.0.0.1) are asked there too.
    let ns_port = dns.addr.port().to_string();
    let mut domains: Vec<String> = common::zone_files()
        .into_iter()
        .map(|(origin, _)| origin)
        // A top-level zone (`test`) is no domain to check.
        .filter(|d| d.contains('.'))
        .collect();
    domains.sort();
    assert!(domains.len() > 40, "{domains:?}");
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    std::fs::write(&list, domains.join("\n")).unwrap();
    let args = [
        "check",
        "--no-smtp",
        "--quiet",
        "--format",
        "csv",
        "--timeout",
        "1",
    ];
    let batch = common::bin("en")
        .args(args)
        .args(["--resolver", &server, "--ns-port", &ns_port, "--jobs", "8"])
        .arg("--from")
        .arg(&list)
        .output()
        .unwrap();
    let mut differ = vec![];
    for domain in &domains {
        let alone = common::bin("en")
            .args(args)
            .args(["--resolver", &server, "--ns-port", &ns_port, domain])
            .output()
            .unwrap();
        let own = rows(&alone.stdout, domain);
        assert!(!own.is_empty(), "{domain}: no row alone");
        let together = rows(&batch.stdout, domain);
        if together != own {
            differ.push(format!("{domain}:\n  alone {own:?}\n  batch {together:?}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
