//! What users of command-line tools expect: shell completions and a man
//! page, generated from the same localized command as `--help`.

fn mxdoctor(lang: &str, args: &[&str]) -> String {
    let out = crate::common::bin(lang).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_every_shell() {
    insta::assert_snapshot!("completions-bash", mxdoctor("C", &["completions", "bash"]));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = mxdoctor("C", &["completions", shell]);
        for word in ["mxdoctor", "resolver", "fix", "dry-run"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

/// The closed sets are offered: formats, languages, CDNs, colours,
/// themes and the demo's scenarios.
#[test]
fn completions_offer_the_values() {
    let bash = mxdoctor("C", &["completions", "bash"]);
    for values in [
        "text json markdown csv csv-domains summary",
        "en fr",
        "cloudflare khulnasoft",
        "auto always never",
        "dark light",
    ] {
        assert!(bash.contains(&format!("-W \"{values}\"")), "{values}");
    }
    // A positional argument's values join the words bash offers.
    assert!(bash.contains("--lang healthy missing proxied apex shared cname synthesized"));
    let fish = mxdoctor("C", &["completions", "fish"]);
    assert!(fish.contains("summary"), "{fish}");
}

/// Real sections, in the page's language, and no page named that does
/// not exist (`mxdoctor-check(1)`).
#[test]
fn a_man_page_in_each_language() {
    let english = mxdoctor("C", &["manpage"]);
    for heading in [
        ".SH NAME",
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(english.contains(heading), "{heading}");
    }
    insta::assert_snapshot!("manpage-en", english);
    let french = mxdoctor("fr_FR.UTF-8", &["manpage"]);
    assert!(french.contains("Serveur DNS à interroger"), "{french}");
    for heading in [
        ".SH NOM",
        ".SH COMMANDES",
        ".SH TOUCHES",
        ".SH \"CODE DE RETOUR\"",
        ".SH ENVIRONNEMENT",
        ".SH FICHIERS",
        ".SH EXEMPLES",
    ] {
        assert!(french.contains(heading), "{heading}");
    }
    for page in [&english, &french] {
        assert!(!page.contains("(1)\n"), "a page that does not exist");
        assert!(!page.contains(".SH EXTRA"), "clap's own heading");
    }
    insta::assert_snapshot!("manpage-fr", french);
}
