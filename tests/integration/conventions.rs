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

#[test]
fn a_man_page_in_each_language() {
    insta::assert_snapshot!("manpage-en", mxdoctor("C", &["manpage"]));
    let french = mxdoctor("fr_FR.UTF-8", &["manpage"]);
    assert!(french.contains("Serveur DNS à interroger"), "{french}");
    insta::assert_snapshot!("manpage-fr", french);
}
