//! The wizard in a real terminal: tmux runs it, send-keys types, and
//! capture-pane reads the screen. After every way out, the terminal must be
//! back in cooked mode.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::BackgroundDns;

struct Tmux {
    socket: String,
}

impl Tmux {
    /// `None` when tmux is not installed, outside CI (where it must be).
    fn start(name: &str, dir: &Path, command: &str) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "CI must install tmux");
            eprintln!("tmux is not installed: the real-terminal test is skipped");
            return None;
        }
        let socket = format!("mxdoctor-test-{}-{name}", std::process::id());
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
            ])
            .args(["-x", "80", "-y", "24", "-c"])
            .arg(dir)
            .arg(command)
            .status()
            .unwrap();
        assert!(status.success());
        Some(Self { socket })
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn resize(&self, width: u16, height: u16) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "resize-window", "-t", "t"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn wait_for_file(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The program, then `stty -a` in the same terminal once it has exited.
fn shell(dns: &BackgroundDns, dir: &Path, extra: &str) -> String {
    format!(
        "env LANG=C LC_ALL= NO_COLOR= {bin} --resolver {addr} --no-smtp {extra}; \
         echo $? > {dir}/status; stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        addr = dns.addr,
        dir = dir.display(),
    )
}

fn assert_cooked(dir: &Path) {
    wait_for_file(&dir.join("exited"));
    let stty = std::fs::read_to_string(dir.join("stty.txt")).unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl"] {
        assert!(flags.contains(&flag), "{flag} is off after exit:\n{stty}");
    }
}

#[test]
fn a_walk_through_in_a_real_terminal() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start("walk", dir.path(), &shell(&dns, dir.path(), "")) else {
        return;
    };
    tmux.wait_for("Which domain is not receiving mail?");
    tmux.keys(&["proxied.test", "Enter"]);
    // The check lands on the step in error, the verdict above it.
    let proxy = tmux.wait_for("2. Mail records must not be proxied");
    assert!(
        proxy.contains("✗ Something stops mail for proxied.test: see step 2 (Proxy)"),
        "{proxy}"
    );
    assert!(proxy.contains("104.16.3.2 proxied ✗"), "{proxy}");
    tmux.keys(&["l"]);
    let french = tmux.wait_for("2. Ne traitez pas par proxy");
    assert!(french.contains("traité par proxy ✗"), "{french}");
    tmux.resize(59, 20);
    tmux.wait_for("Le terminal est trop petit (59×20)");
    tmux.resize(80, 24);
    tmux.wait_for("2. Ne traitez pas par proxy");
    tmux.keys(&["e"]);
    tmux.wait_for("Rapport enregistré dans");
    let report = std::fs::read_to_string(dir.path().join("mxdoctor-proxied.test.md")).unwrap();
    assert!(report.contains("mx-target-proxied"));
    assert!(report.starts_with("# Rapport de distribution du courrier"));
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
    let after = tmux.screen();
    assert!(
        !after.contains("Ne traitez pas"),
        "the alternate screen stayed:\n{after}"
    );
}

#[test]
fn ctrl_c_and_sigterm_restore_the_terminal() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start(
        "ctrlc",
        dir.path(),
        &shell(&dns, dir.path(), "proxied.test"),
    ) else {
        return;
    };
    tmux.wait_for("2 Proxy ✗");
    tmux.keys(&["C-c"]);
    assert_cooked(dir.path());
    assert_eq!(exit_status(dir.path()), 130, "128 + SIGINT");

    let dir = tempfile::tempdir().unwrap();
    // A marker in the command line finds this very process among the others.
    let marker = format!("--timeout 2.{}", std::process::id() % 1000);
    let tmux = Tmux::start(
        "term",
        dir.path(),
        &shell(&dns, dir.path(), &format!("{marker} good.test")),
    )
    .unwrap();
    tmux.wait_for("1. Are DNS records missing?");
    let pid = find_process(&marker).expect("the wizard's process");
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_cooked(dir.path());
    assert_eq!(exit_status(dir.path()), 143, "128 + SIGTERM");
}

/// The exit status `shell` recorded.
fn exit_status(dir: &Path) -> i32 {
    std::fs::read_to_string(dir.join("status"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn find_process(marker: &str) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()? {
        let entry = entry.ok()?;
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.starts_with(env!("CARGO_BIN_EXE_mxdoctor")) && cmdline.contains(marker) {
            return Some(pid);
        }
    }
    None
}

fn tmux_cmd(tmux: &Tmux, args: &[&str]) {
    let status = Command::new("tmux")
        .args(["-L", &tmux.socket])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "tmux {}", args.first().unwrap_or(&""));
}

fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

#[test]
fn a_paste_a_huge_resize_and_sigquit() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let marker = format!("--timeout 2.{}", std::process::id() % 1000 + 1);
    let Some(tmux) = Tmux::start("paste", dir.path(), &shell(&dns, dir.path(), &marker)) else {
        return;
    };
    tmux.wait_for("Which domain is not receiving mail?");
    // 26 KB with a newline every 13 bytes: one bracketed paste, cleaned and
    // capped; its newlines must not submit anything.
    let pasted = dir.path().join("paste.txt");
    std::fs::write(&pasted, "proxied.test\n".repeat(2000)).unwrap();
    tmux_cmd(
        &tmux,
        &["load-buffer", "-b", "big", pasted.to_str().unwrap()],
    );
    tmux_cmd(&tmux, &["paste-buffer", "-p", "-b", "big", "-t", "t"]);
    let screen = tmux.wait_for("proxied.testproxied.test");
    assert!(screen.contains("Which domain"), "{screen}");
    // Still answering keys at once: the field is cleared and retyped.
    tmux.keys(&["C-u"]);
    let pid = find_process(&marker).expect("the wizard's process");

    // A huge terminal, then back: the memory of the big screen goes.
    tmux.resize(1000, 500);
    std::thread::sleep(Duration::from_millis(500));
    let big = resident_kib(pid);
    tmux.resize(80, 24);
    tmux.wait_for("Which domain is not receiving mail?");
    std::thread::sleep(Duration::from_millis(300));
    let after = resident_kib(pid);
    eprintln!("MEASURE after={after} big={big}");
    assert!(
        after < 40 * 1024 && after < big,
        "resident {after} KiB after the resize, {big} KiB at 1000×500"
    );

    let status = Command::new("kill")
        .args(["-QUIT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_cooked(dir.path());
    assert_eq!(exit_status(dir.path()), 131, "128 + SIGQUIT");
    let screen = tmux.screen();
    assert!(
        !screen.contains("Which domain"),
        "the alternate screen stayed:\n{screen}"
    );
}

#[test]
fn a_list_of_domains_in_a_real_terminal() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("list.txt"), "good.test\nproxied.test\n").unwrap();
    let Some(tmux) = Tmux::start(
        "list",
        dir.path(),
        &shell(&dns, dir.path(), "--from list.txt"),
    ) else {
        return;
    };
    tmux.wait_for("2 of 2 checked");
    tmux.keys(&["s"]);
    tmux.wait_for("worst first");
    // The worst comes first and is chosen: Enter opens it in the wizard.
    // Once checked, it lands on the step in error.
    tmux.keys(&["Up", "Enter"]);
    let proxy = tmux.wait_for("2. Mail records must not be proxied");
    assert!(proxy.contains("proxied.test"), "{proxy}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("2 of 2 checked");
    tmux.keys(&["q"]);
    assert_cooked(dir.path());

    // The list on standard input: the keys come from the terminal.
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "printf 'good.test\\nbad name\\n' | {}",
        shell(&dns, dir.path(), "-")
    );
    let tmux = Tmux::start("stdin", dir.path(), &command).unwrap();
    tmux.wait_for("1 of 1 checked");
    tmux.keys(&["Enter"]);
    // Nothing wrong: it lands on the summary.
    tmux.wait_for("Summary for good.test");
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
}

/// The demo's whole loop in a real terminal: the proxied mail host, the fix
/// dialog, a yes, and the source serving the change.
#[test]
fn the_demo_fixes_the_proxied_mail_host() {
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "env LANG=C LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN= {bin} demo proxied; \
         stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("demo-fix", dir.path(), &command) else {
        return;
    };
    tmux.wait_for("2 Proxy ✗");
    tmux.wait_for("2. Mail records must not be proxied");
    tmux.keys(&["f"]);
    let plan = tmux.wait_for("Changes to make at Cloudflare for proxied.example");
    assert!(
        plan.contains("mail.proxied.example A 127.0.0.1: Proxied → DNS only"),
        "{plan}"
    );
    tmux.keys(&["y"]);
    let done = tmux.wait_for("Fixed at Cloudflare at");
    // The undo is a command to run, wrapped between words; the footer
    // offers no answer any more, only a way out.
    assert!(done.contains("To undo: curl -X PATCH"), "{done}");
    let footer = done.lines().last().unwrap_or_default();
    assert!(footer.contains("Esc close"), "{footer}");
    assert!(!footer.contains("apply"), "{footer}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("2 Proxy ✓");
    // The mail path goes all the way to the certificate: the connection
    // tests are shown as they end, whatever else took ids meanwhile.
    tmux.wait_for("→ port");
    tmux.wait_for("certificate ✓");
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
}

/// `mxdoctor fix` asks on a terminal: no changes nothing, yes applies.
#[test]
fn fix_asks_on_a_terminal() {
    use crate::cdn_api::{Cdn, TOKEN, setup};
    let cdn = Cdn::start(setup());
    let dir = tempfile::tempdir().unwrap();
    let command = |answer_file: &str| {
        format!(
            "env LANG=C LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN={TOKEN} MXDOCTOR_CLOUDFLARE_API={api} \
             {bin} fix cdn.test --no-smtp --resolver {dns} --ns-port {port} --interval 0.2; \
             echo \"exit $?\"; echo done > {dir}/{answer_file}; sleep 60",
            api = cdn.api.base(),
            bin = env!("CARGO_BIN_EXE_mxdoctor"),
            dns = cdn.dns.addr(),
            port = cdn.dns.addr().port(),
            dir = dir.path().display(),
        )
    };
    let Some(tmux) = Tmux::start("fix-no", dir.path(), &command("no")) else {
        return;
    };
    tmux.wait_for("Apply this change? [y/N]");
    tmux.keys(&["n", "Enter"]);
    // Declined: the mail record is still proxied.
    let screen = tmux.wait_for("exit 1");
    assert!(screen.contains("Nothing was changed."), "{screen}");
    assert!(cdn.api.calls().iter().all(|c| c.starts_with("GET")));
    drop(tmux);
    let tmux = Tmux::start("fix-yes", dir.path(), &command("yes")).unwrap();
    tmux.wait_for("Apply this change? [y/N]");
    tmux.keys(&["y", "Enter"]);
    let screen = tmux.wait_for("exit 0");
    assert!(screen.contains("Fixed at Cloudflare at"), "{screen}");
    assert!(cdn.api.calls().iter().any(|c| c.starts_with("PATCH")));
}

/// A terminal that cannot draw screens (TERM=dumb), or `--no-tui`, gets
/// the plain report on the terminal.
#[test]
fn a_dumb_terminal_gets_the_plain_report() {
    let dns = BackgroundDns::start();
    for (name, how) in [("dumb", "env TERM=dumb"), ("no-tui", "env")] {
        let dir = tempfile::tempdir().unwrap();
        let flag = if name == "no-tui" { "--no-tui" } else { "" };
        let command = format!(
            "{how} LANG=C LC_ALL= NO_COLOR=1 {bin} proxied.test --resolver {addr} --no-smtp {flag}; \
             echo \"exit $?\"; sleep 60",
            bin = env!("CARGO_BIN_EXE_mxdoctor"),
            addr = dns.addr,
        );
        let Some(tmux) = Tmux::start(name, dir.path(), &command) else {
            return;
        };
        let screen = tmux.wait_for("exit 1");
        assert!(
            screen.contains("2. Mail records must not be proxied — ✗"),
            "{name}: {screen}"
        );
    }
}

/// A French user at 80×24 walks a broken demo domain from the first step to
/// the summary: every step keeps its name on the bar, the report key shows
/// on every screen, and saving the report says where it went.
#[test]
fn a_french_walk_of_a_broken_demo_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "env LANG=fr_FR.UTF-8 LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN= {bin} demo proxied; \
         stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("french-walk", dir.path(), &command) else {
        return;
    };
    let bar = [
        "Domaine",
        "1 DNS",
        "2 Proxy",
        "3 Pratiques",
        "4 Fournisseur",
        "Bilan",
    ];
    let titles = [
        "1. Manque-t-il des enregistrements DNS",
        "2. Ne traitez pas par proxy les enregistrements DNS de messagerie",
        "3. Bonnes pratiques pour les enregistrements MX",
        "4. Contactez votre fournisseur de messagerie",
        "Bilan pour proxied.example",
    ];
    tmux.wait_for("2 Proxy ✗");
    // It lands on step 2; the walk starts from step 1.
    tmux.keys(&["1"]);
    for (i, title) in titles.iter().enumerate() {
        if i > 0 {
            tmux.keys(&["Right"]);
        }
        let screen = tmux.wait_for(title);
        for name in bar {
            assert!(screen.contains(name), "{name} is not on the bar:\n{screen}");
        }
        let footer = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        for key in [" e rapport", " ? aide", " q quitter"] {
            assert!(
                footer.contains(key),
                "{key} is not in the footer:\n{screen}"
            );
        }
        for english in ["Records", "Summary", "Enter", "Esc", "nodata", "refused"] {
            assert!(
                !screen.contains(english),
                "{english} on a French screen:\n{screen}"
            );
        }
    }
    tmux.keys(&["e"]);
    let saved = tmux.wait_for("Rapport enregistré dans");
    assert!(saved.contains("mxdoctor-proxied.example.md"), "{saved}");
    assert!(saved.contains("si votre terminal l’accepte"), "{saved}");
    assert!(dir.path().join("mxdoctor-proxied.example.md").exists());
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
}

/// `w` on a step other than the one with the error: the status covers the
/// whole diagnosis, so the watch never says "fixed" while step 2 fails.
#[test]
fn watching_from_another_step_never_says_fixed() {
    let dns = BackgroundDns::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start(
        "watch-step1",
        dir.path(),
        &shell(&dns, dir.path(), "proxied.test"),
    ) else {
        return;
    };
    tmux.wait_for("2 Proxy ✗");
    tmux.keys(&["1"]);
    tmux.wait_for("1. Are DNS records missing?");
    tmux.keys(&["w"]);
    let screen = tmux.wait_for("next check in");
    assert!(!screen.contains("Fixed"), "{screen}");
    for _ in 0..2 {
        tmux.keys(&["Right"]);
    }
    tmux.wait_for("3.");
    std::thread::sleep(Duration::from_millis(300));
    let screen = tmux.screen();
    assert!(!screen.contains("Fixed"), "{screen}");
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
}

/// The fix's command in a shell, with whatever follows it.
fn fix_command(cdn: &crate::cdn_api::Cdn, dir: &Path, redirect: &str) -> String {
    format!(
        "env LANG=C LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN={token} MXDOCTOR_CLOUDFLARE_API={api} \
         {bin} fix cdn.test --no-smtp --resolver {dns} --ns-port {port} --interval 0.2 {redirect}; \
         echo \"exit $?\"; echo done > {dir}/exited; sleep 60",
        token = crate::cdn_api::TOKEN,
        api = cdn.api.base(),
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        dns = cdn.dns.addr(),
        port = cdn.dns.addr().port(),
        dir = dir.display(),
    )
}

/// Keys typed before the plan is shown are no answer to it.
#[test]
fn keys_typed_ahead_do_not_confirm_the_fix() {
    use crate::cdn_api::{Cdn, setup};
    let mut s = setup();
    // A slow API: the plan surely comes after the keys, however loaded
    // the machine.
    s.quirks.slow = Some(Duration::from_millis(100));
    let cdn = Cdn::start(s);
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start("typeahead", dir.path(), &fix_command(&cdn, dir.path(), ""))
    else {
        return;
    };
    // At once: before the diagnosis, let alone the plan, is done.
    tmux.keys(&["y", "Enter"]);
    let screen = tmux.wait_for("Apply this change? [y/N]");
    // The terminal echoed the keys above the plan: they came before it.
    let typed = screen.find("\ny\n").or_else(|| screen.find("y\n"));
    let plan = screen.find("Changes to make");
    assert!(typed.is_some() && typed < plan, "{screen}");
    std::thread::sleep(Duration::from_millis(500));
    assert!(cdn.api.calls().iter().all(|c| c.starts_with("GET")));
    tmux.keys(&["n", "Enter"]);
    let screen = tmux.wait_for("exit 1");
    assert!(screen.contains("Nothing was changed."), "{screen}");
    assert!(cdn.api.calls().iter().all(|c| c.starts_with("GET")));
}

/// With stdout sent to a file, the plan and the question still reach the
/// terminal, and the question never goes into the file.
#[test]
fn the_question_is_asked_on_the_terminal_not_on_stdout() {
    use crate::cdn_api::{Cdn, setup};
    let cdn = Cdn::start(setup());
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    let redirect = format!("> {}", plan.display());
    let Some(tmux) = Tmux::start(
        "redirect",
        dir.path(),
        &fix_command(&cdn, dir.path(), &redirect),
    ) else {
        return;
    };
    let screen = tmux.wait_for("Apply this change? [y/N]");
    assert!(
        screen.contains("mail.cdn.test A 192.0.2.25: Proxied → DNS only"),
        "{screen}"
    );
    tmux.keys(&["y", "Enter"]);
    tmux.wait_for("exit 0");
    let written = std::fs::read_to_string(&plan).unwrap();
    assert!(written.contains("Proxied → DNS only"), "{written}");
    assert!(!written.contains("Apply this change"), "{written}");
    assert!(written.contains("Fixed at Cloudflare at"), "{written}");
}

/// An API listing a million records: the wizard stays responsive, says
/// why it cannot plan, and quits on `q` within a second.
#[test]
fn a_flooding_api_leaves_the_wizard_quick_to_quit() {
    use crate::cdn_api::{Cdn, TOKEN, setup};
    let mut s = setup();
    s.quirks.flood = Some(20_000);
    let cdn = Cdn::start(s);
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "env LANG=C LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN={TOKEN} MXDOCTOR_CLOUDFLARE_API={api} \
         {bin} cdn.test --no-smtp --resolver {dns} --ns-port {port}; \
         stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
        api = cdn.api.base(),
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        dns = cdn.dns.addr(),
        port = cdn.dns.addr().port(),
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("flood", dir.path(), &command) else {
        return;
    };
    tmux.wait_for("2 Proxy ✗");
    tmux.wait_for("2. Mail records must not be proxied");
    // The footer does not offer f; pressed anyway, it says why: the API's
    // answer.
    let screen = tmux.wait_for("q quit");
    let footer = screen.lines().last().unwrap_or_default();
    assert!(!footer.contains("f fix"), "{footer}");
    tmux.keys(&["f"]);
    tmux.wait_for("f cannot fix this from here");
    let start = Instant::now();
    tmux.keys(&["q"]);
    wait_for_file(&dir.path().join("exited"));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_cooked(dir.path());
}

/// `r` pressed again and again while the lookups are out: each press
/// replaces the diagnosis in flight, so the questions that wait on an
/// answer (the mail host's address) are asked for one check, not for
/// every press.
#[test]
fn checking_again_replaces_the_check_in_flight() {
    let dns = BackgroundDns::start();
    let relay = common::SlowRelay::start(dns.addr, Duration::from_millis(300));
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "env LANG=C LC_ALL= NO_COLOR= {bin} --resolver {addr} --no-smtp --no-authoritative \
         good.test; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        addr = relay.addr,
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("recheck", dir.path(), &command) else {
        return;
    };
    tmux.wait_for("1. Are DNS records missing?");
    tmux.wait_for("1 Records ✓");
    let before = relay.count("mail.good.test AAAA");
    // Five presses within the relay's delay: only the last check lives.
    for _ in 0..5 {
        tmux.keys(&["r"]);
        std::thread::sleep(Duration::from_millis(10));
    }
    // The last check: two rounds of the relay's delay, and some slack.
    std::thread::sleep(Duration::from_millis(900));
    let asked = relay.count("mail.good.test AAAA") - before;
    // As often as one check asks it (once or twice, as answers come in,
    // and once more for DNSSEC), not five times that.
    assert!((1..=3).contains(&before), "{before}");
    assert!(asked <= 3, "the mail host's AAAA, asked {asked} times");
    tmux.keys(&["q"]);
    wait_for_file(&dir.path().join("exited"));
}

/// 300,000 domains on the list screen, all waiting on a resolver that
/// never answers: the wizard stays under 40 MB at its peak.
#[test]
fn a_long_list_waits_in_little_memory() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let names = (0..300_000).fold(String::new(), |mut s, n| {
        let _ = writeln!(s, "d{n}.wild.test");
        s
    });
    std::fs::write(&list, names).unwrap();
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let marker = format!("--timeout 9.{}", std::process::id() % 1000);
    let command = format!(
        "env LANG=C LC_ALL= NO_COLOR= {bin} --from {list} --resolver {addr} --no-smtp \
         --no-authoritative {marker}; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        list = list.display(),
        addr = silent.local_addr().unwrap(),
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("long-list", dir.path(), &command) else {
        return;
    };
    tmux.wait_for("0 of 300000 checked");
    let pid = find_process(&marker).expect("the wizard's process");
    std::thread::sleep(Duration::from_millis(300));
    let peak = common::peak_kib(pid).unwrap();
    eprintln!("MEASURE peak={peak}");
    // About 24 MiB: the names in blocks, a pointer per row.
    assert!(
        peak < 32 * 1024,
        "peak {peak} KiB for 300,000 waiting domains"
    );
    tmux.keys(&["q"]);
    wait_for_file(&dir.path().join("exited"));
}

/// The first screen after the check says, on the line under the step bar,
/// whether mail can arrive and where the problem is: for a broken and a
/// healthy demo domain, in both languages, at 80×24.
#[test]
fn the_first_screen_says_whether_mail_can_arrive() {
    let cases = [
        (
            "C",
            "proxied",
            "✗ Something stops mail for proxied.example: see step 2 (Proxy)",
            "2. Mail records must not be proxied",
        ),
        (
            "fr_FR.UTF-8",
            "proxied",
            "✗ Un problème bloque le courrier de proxied.example\u{a0}: voir l’étape 2 (Proxy)",
            "2. Ne traitez pas par proxy",
        ),
        (
            "C",
            "healthy",
            "✓ Nothing stops mail to healthy.example",
            "Summary for healthy.example",
        ),
        (
            "fr_FR.UTF-8",
            "healthy",
            "✓ Rien n’empêche le courrier d’arriver à healthy.example",
            "Bilan pour healthy.example",
        ),
    ];
    for (lang, scenario, verdict, landing) in cases {
        let dir = tempfile::tempdir().unwrap();
        let command = format!(
            "env LANG={lang} LC_ALL= NO_COLOR= CLOUDFLARE_API_TOKEN= {bin} demo {scenario}; \
             stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
            bin = env!("CARGO_BIN_EXE_mxdoctor"),
            dir = dir.path().display(),
        );
        let name = format!("verdict-{scenario}-{}", &lang[..1]);
        let Some(tmux) = Tmux::start(&name, dir.path(), &command) else {
            return;
        };
        let screen = tmux.wait_for(landing);
        let third = screen.lines().nth(2).unwrap_or_default();
        assert_eq!(third.trim(), verdict, "{screen}");
        tmux.keys(&["q"]);
        assert_cooked(dir.path());
    }
}

/// `demo --list` in a real terminal without colour: the chosen row has its
/// marker, `/` filters, Enter opens, Esc comes back to the same row.
#[test]
fn the_demo_list_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "env LANG=C LC_ALL= NO_COLOR=1 CLOUDFLARE_API_TOKEN= {bin} demo --list; \
         stty -a > {dir}/stty.txt; echo done > {dir}/exited; sleep 60",
        bin = env!("CARGO_BIN_EXE_mxdoctor"),
        dir = dir.path().display(),
    );
    let Some(tmux) = Tmux::start("demo-list", dir.path(), &command) else {
        return;
    };
    let screen = tmux.wait_for("40 of 40 checked");
    assert!(screen.contains("List: the demo's domains"), "{screen}");
    assert!(screen.contains("▶ ✓ ✓ ✓ ○ healthy.example"), "{screen}");
    assert!(screen.contains("▼ "), "{screen}");
    tmux.keys(&["/", "m", "i", "s", "s", "i", "n", "g", "Enter"]);
    let screen = tmux.wait_for("missing (6 shown)");
    assert!(!screen.contains("healthy"), "{screen}");
    tmux.keys(&["j", "Enter"]);
    let screen = tmux.wait_for("Esc list");
    assert!(screen.contains("missing-02.example"), "{screen}");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("missing (6 shown)");
    assert!(screen.contains("▶ ✗"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains('▶') && l.contains("missing-02.example")),
        "{screen}"
    );
    tmux.keys(&["q"]);
    assert_cooked(dir.path());
}

/// A batch's progress bar on a real terminal at 80×24, in both languages:
/// domains done, their rate, the DNS questions sent so far and the errors,
/// on one line that fits; the bar takes what room is left.
#[test]
fn a_batch_counts_its_questions_on_one_line() {
    use std::fmt::Write as _;
    let dns = BackgroundDns::start();
    for (lang, asked, done) in [
        ("C", "\u{a0}questions · ", " with errors"),
        ("fr_FR.UTF-8", "\u{a0}questions · ", " en erreur"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("domains.txt");
        let names = (0..3000).fold(String::new(), |mut s, n| {
            let _ = writeln!(s, "d{n}.wild.test");
            s
        });
        std::fs::write(&list, names).unwrap();
        // Paced: the run lasts long enough to be seen.
        let command = format!(
            "env LANG={lang} LC_ALL= NO_COLOR= {bin} check --no-smtp --qps 300 --format csv \
             --resolver {addr} --from {list} > /dev/null; sleep 60",
            bin = env!("CARGO_BIN_EXE_mxdoctor"),
            addr = dns.addr,
            list = list.display(),
        );
        let Some(tmux) = Tmux::start("progress", dir.path(), &command) else {
            return;
        };
        tmux.wait_for(asked);
        // The first frame comes before any question: the count then grows.
        let start = Instant::now();
        let (screen, count) = loop {
            let screen = tmux.screen();
            let count = screen
                .lines()
                .find_map(|l| l.split(asked).next().filter(|_| l.contains(asked)))
                .and_then(|l| l.rsplit(' ').next())
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
            if count > 0 || start.elapsed() > Duration::from_secs(20) {
                break (screen, count);
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let line = screen
            .lines()
            .find(|l| l.contains(asked))
            .unwrap_or_default();
        assert!(line.trim_end().ends_with(done), "{lang}: {screen}");
        assert!(line.chars().count() <= 80, "{lang}: {line}");
        assert!(count > 0, "{lang}: {line}");
    }
}
