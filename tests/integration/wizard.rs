//! The wizard: its state machine (key → state) and every screen, in both
//! languages, at 80×24 and 120×40, fed by the in-process DNS server.

use crate::common;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mxdoctor::Brand;
use mxdoctor::Lang;
use mxdoctor::Progress;
use mxdoctor::Providers;
use mxdoctor::StepState;
use mxdoctor::wizard::{App, BarState, Effect, Focus, MAX_INPUT, Msg, Overlay, Screen};
use mxdoctor::wizard::{Checked, Theme};
use mxdoctor::{Diagnosis, diagnose};
use mxdoctor::{Dns, Servers};
use mxdoctor::{Severity, Step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(key(code))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Timings and ports change from run to run; snapshots must not.
fn steady_lookup(l: &mut mxdoctor::Lookup) {
    l.elapsed_ms = 3;
    l.server = Some("127.0.0.1:5353".into());
}

fn steady(p: Progress) -> Progress {
    match p {
        Progress::LookupDone { id, mut lookup } => {
            steady_lookup(&mut lookup);
            Progress::LookupDone { id, lookup }
        }
        other => other,
    }
}

/// Runs a real diagnosis and feeds its progress and result to `app`, as the
/// event loop would.
/// One zone server for the whole file's screens, on a thread of its own:
/// loading every test zone once, not once a screen.
fn zones() -> std::net::SocketAddr {
    static SERVER: std::sync::OnceLock<common::BackgroundDns> = std::sync::OnceLock::new();
    SERVER.get_or_init(common::BackgroundDns::start).addr
}

async fn feed(app: &mut App, effects: Vec<Effect>) {
    feed_from(app, effects, zones(), Duration::from_secs(2), &[]).await;
}

async fn feed_from(
    app: &mut App,
    effects: Vec<Effect>,
    server: std::net::SocketAddr,
    timeout: Duration,
    senders: &[std::net::IpAddr],
) {
    let Some(Effect::Diagnose { target, generation }) = effects.into_iter().next() else {
        panic!("expected a diagnosis to start");
    };
    let dns = std::sync::Arc::new(Dns::new(&Servers::List(vec![server]), timeout).unwrap());
    let mut plan = crate::common::plan_without_smtp();
    plan.senders = senders.to_vec();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let d: Diagnosis = diagnose(
        dns,
        &target,
        &plan,
        &app.brand,
        &Providers::built_in(),
        Some(tx),
    )
    .await;
    finish_steady(app, generation, &mut rx, d);
}

/// Hands `d` and the progress that led to it to `app`, their timings and
/// servers made the same on every run.
fn finish_steady(
    app: &mut App,
    generation: u64,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Progress>,
    mut d: Diagnosis,
) {
    while let Ok(p) = rx.try_recv() {
        app.update(Msg::Progress(generation, steady(p)));
    }
    d.evidence.lookups.iter_mut().for_each(steady_lookup);
    d.evidence.elapsed_ms = 12;
    d.evidence.resolvers = vec!["127.0.0.1:5353".into()];
    app.update(Msg::Finished(generation, Box::new(d)));
}

/// The wizard after checking `domain` against a server that never answers.
async fn checked_dead(domain: &str, lang: Lang) -> App {
    let (_socket, addr) = common::silent().await;
    let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut app, domain);
    let effects = press(&mut app, KeyCode::Enter);
    feed_from(&mut app, effects, addr, Duration::from_millis(50), &[]).await;
    app
}

async fn checked(domain: &str, lang: Lang) -> App {
    let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut app, domain);
    let effects = press(&mut app, KeyCode::Enter);
    feed(&mut app, effects).await;
    app
}

fn screen(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| mxdoctor::wizard::draw(f, app, Theme::dark()))
        .unwrap();
    terminal
}

/// Straight to a step or the summary, with the keys a person would use.
fn go_to(app: &mut App, target: Screen) {
    let key = match target {
        Screen::Step(Step::Records) => '1',
        Screen::Step(Step::Proxy) => '2',
        Screen::Step(Step::Practices) => '3',
        Screen::Step(Step::Provider) => '4',
        _ => 'b',
    };
    press(app, KeyCode::Char(key));
    assert_eq!(app.screen, target);
}

// ---- state machine ----

#[test]
fn typing_and_submitting_a_domain() {
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    assert_eq!(app.screen, Screen::Domain);
    assert_eq!(app.focus, Focus::Input);
    type_text(&mut app, "192.0.2.1");
    // Letters that are keys elsewhere type in the field.
    type_text(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.input.value(), "192.0.2.1q");
    press(&mut app, KeyCode::Backspace);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.input_error.as_ref().unwrap().id, "input-ip");
    assert_eq!(app.screen, Screen::Domain);
    for _ in 0..9 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "User@Proxied.TEST");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(app.input_error.is_none());
    assert_eq!(app.screen, Screen::Step(Step::Records));
    assert!(app.is_running());
    match &effects[..] {
        [
            Effect::Diagnose {
                target,
                generation: 1,
            },
        ] => assert_eq!(target.ascii, "proxied.test"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.tick_every(), Some(Duration::from_millis(100)));
}

#[test]
fn demo_scenarios_by_their_short_name() {
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    app.suggestions = vec!["proxied.example".into(), "apex.example".into()];
    // With room, each demo domain says what it shows.
    let shown = screen_text(&screen(&app, 100, 30));
    assert!(
        shown.contains("apex.example     The MX points at the proxied root domain."),
        "{shown}"
    );
    type_text(&mut app, "apex");
    match &press(&mut app, KeyCode::Enter)[..] {
        [Effect::Diagnose { target, .. }] => assert_eq!(target.ascii, "apex.example"),
        other => panic!("{other:?}"),
    }
    let mut plain = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut plain, "apex");
    assert!(press(&mut plain, KeyCode::Enter).is_empty());
    assert_eq!(plain.input_error.as_ref().unwrap().id, "input-single-label");
}

#[test]
fn brand_and_language_on_the_first_screen() {
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Brand);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.brand.id, "khulnasoft");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Language);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.lang(), Lang::Fr);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Input);

    let mut fixed = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), true);
    press(&mut fixed, KeyCode::Tab);
    press(&mut fixed, KeyCode::Right);
    assert_eq!(fixed.brand.id, "cloudflare", "a --brand-file brand stays");
}

#[test]
fn quitting() {
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Quit]);
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(app.update(ctrl_c), vec![Effect::Quit]);
}

#[tokio::test]
async fn walking_the_steps() {
    let mut app = checked("proxied.test", Lang::En).await;
    assert!(!app.is_running());
    assert_eq!(app.tick_every(), None, "idle: no tick, no busy loop");
    // The check lands where the story is: the proxy step, in error.
    assert_eq!(app.screen, Screen::Step(Step::Proxy));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Step(Step::Practices));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.screen, Screen::Domain);
    assert!(
        press(&mut app, KeyCode::Enter).is_empty(),
        "same domain: no new run"
    );
    assert_eq!(app.screen, Screen::Step(Step::Records));
    go_to(&mut app, Screen::Summary);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screen, Screen::Summary, "the last screen stays");

    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert!(
        press(&mut app, KeyCode::Esc).is_empty(),
        "Esc closes the overlay first"
    );
    assert_eq!(app.overlay, None);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.overlay, Some(Overlay::Details));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.overlay, None);

    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.lang(), Lang::Fr);
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.lang(), Lang::En);
    assert_eq!(press(&mut app, KeyCode::Char('e')), vec![Effect::Export]);
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[tokio::test]
async fn checking_again_ignores_stale_answers() {
    let mut app = checked("proxied.test", Lang::En).await;
    let effects = press(&mut app, KeyCode::Char('r'));
    assert!(matches!(
        effects[..],
        [Effect::Diagnose { generation: 2, .. }]
    ));
    assert!(app.is_running() && app.diagnosis.is_none() && app.live.is_empty());
    // A late message from the first run changes nothing.
    let late = Progress::Started {
        id: 0,
        task: mxdoctor::Task::Lookup {
            name: "x".into(),
            qtype: mxdoctor::QType::MX,
            source: mxdoctor::Source::Resolver,
        },
    };
    app.update(Msg::Progress(1, late));
    assert!(app.live.is_empty());
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        vec![],
        "no export while checking"
    );
    assert_eq!(
        app.export.as_ref().unwrap().as_ref().unwrap_err().id,
        "wiz-export-wait"
    );
}

#[tokio::test]
async fn watch_stops_when_the_step_is_fixed() {
    let mut app = checked("good.test", Lang::En).await;
    let effects = press(&mut app, KeyCode::Char('w'));
    assert!(app.watch.next().is_some());
    assert_eq!(app.tick_every(), Some(Duration::from_millis(100)));
    feed(&mut app, effects).await;
    assert!(app.watch.next().is_none(), "no error left: watching stops");
    assert!(app.watch.is_fixed());

    let mut broken = checked("proxied.test", Lang::En).await;
    go_to(&mut broken, Screen::Step(Step::Proxy));
    let effects = press(&mut broken, KeyCode::Char('w'));
    feed(&mut broken, effects).await;
    assert!(
        broken.watch.next().is_some(),
        "errors remain: keep watching"
    );
    assert_eq!(broken.tick_every(), Some(Duration::from_secs(1)));
    let shown = screen_text(&screen(&broken, 100, 30));
    assert!(shown.contains("Watching: next check in"), "{shown}");
    assert!(
        !shown.contains("cache"),
        "nothing changed yet: no word of caches\n{shown}"
    );
    press(&mut broken, KeyCode::Char('w'));
    assert!(broken.watch.next().is_none());
}

#[tokio::test]
async fn the_answer_changes_the_advice() {
    let mut app = checked("good.test", Lang::En).await;
    go_to(&mut app, Screen::Step(Step::Practices));
    let exposure = |app: &App| {
        app.diagnosis
            .as_ref()
            .unwrap()
            .findings
            .iter()
            .find(|f| f.code.id() == "origin-exposure")
            .cloned()
            .unwrap()
    };
    assert_eq!(exposure(&app).severity, Severity::Info);
    // Nothing is chosen before the user answers.
    let shown = screen_text(&screen(&app, 100, 30));
    assert!(shown.contains("( ) [u]"), "{shown}");
    assert!(!shown.contains("(•)"), "{shown}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.same_machine, Some(true));
    assert_eq!(exposure(&app).severity, Severity::Warning);
    assert_eq!(exposure(&app).args["shared"], "yes");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(exposure(&app).args["shared"], "no");
    // "No" is reassured in one line, without the alarm or its reasons.
    let shown = screen_text(&screen(&app, 100, 30));
    assert!(
        shown.contains("The mail server mail.good.test is a separate machine"),
        "{shown}"
    );
    assert!(!shown.contains("reveals a real server address"), "{shown}");
    assert!(!shown.contains("attackers"), "{shown}");
    let words = mxdoctor::Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let report = mxdoctor::report::markdown::render(app.diagnosis.as_ref().unwrap(), &words);
    assert!(
        report.contains("| Mail server on the website's machine or network | no |"),
        "{report}"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Question);
}

#[test]
fn a_paste_is_one_clean_string_capped_at_a_domain_name() {
    let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut app, "ab");
    press(&mut app, KeyCode::Left);
    let huge = "x\n\u{1b}[2J\u{202e}y\t".repeat(20_000);
    app.update(Msg::Paste(huge));
    let value = app.input.value().to_string();
    assert_eq!(value.chars().count(), MAX_INPUT);
    assert!(value.starts_with("ax[2Jyx[2Jy"), "{value}");
    assert!(value.ends_with('b'), "inserted at the cursor: {value}");
    assert!(!value.chars().any(|c| c.is_control() || c == '\u{202e}'));
    assert_eq!(app.screen, Screen::Domain, "pasted text is not keys");
    // Typed characters past the limit are dropped too.
    press(&mut app, KeyCode::End);
    type_text(&mut app, "zzz");
    assert_eq!(app.input.value().chars().count(), MAX_INPUT);

    let mut fresh = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    fresh.update(Msg::Paste("  Proxied.TEST\r\n".into()));
    assert_eq!(fresh.input.value(), "  Proxied.TEST");
    assert!(matches!(
        &press(&mut fresh, KeyCode::Enter)[..],
        [Effect::Diagnose { target, .. }] if target.ascii == "proxied.test"
    ));
    // On a step screen, a paste does nothing: its letters are not keys.
    fresh.update(Msg::Paste("q".into()));
    assert!(!fresh.quit);
    assert_eq!(fresh.input.value(), "  Proxied.TEST");
}

#[tokio::test]
async fn step_states_are_the_judge_s() {
    let dead = checked_dead("good.test", Lang::En).await;
    for step in Step::ALL {
        assert_eq!(
            dead.step_state(step),
            BarState::Judged(StepState::NotChecked),
            "{step:?}"
        );
    }
    let healthy = checked("good.test", Lang::En).await;
    assert_eq!(
        healthy.step_state(Step::Proxy),
        BarState::Judged(StepState::Ok)
    );
    assert_eq!(
        healthy.step_state(Step::Provider),
        BarState::Judged(StepState::NotIdentified)
    );
    let missing = checked("no-mx.test", Lang::En).await;
    assert_eq!(
        missing.step_state(Step::Proxy),
        BarState::Judged(StepState::Error)
    );
}

/// The list screen over `domains`, each checked for real against the
/// test zones, as the event loop would feed it.
async fn listed(domains: &[&str], lang: Lang) -> App {
    let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    let names = domains.iter().collect();
    let effects = app.start_with_list("domains.txt".into(), names, vec![]);
    let [Effect::DiagnoseList(names)] = &effects[..] else {
        panic!("{effects:?}");
    };
    let work: Vec<(usize, mxdoctor::Target)> = names
        .iter()
        .map(|n| mxdoctor::parse_domain(n).unwrap())
        .enumerate()
        .collect();
    let server = common::serve().await;
    let dns = std::sync::Arc::new(
        Dns::new(&Servers::List(vec![server.addr()]), Duration::from_secs(2)).unwrap(),
    );
    // The last one stays unchecked: a row still being checked.
    for (index, target) in work.iter().take(work.len() - 1) {
        let plan = common::plan_without_smtp();
        let d = diagnose(
            dns.clone(),
            target,
            &plan,
            &app.brand,
            &Providers::built_in(),
            None,
        )
        .await;
        app.update(Msg::Listed(*index, Checked::of(&d).unwrap()));
    }
    app
}

#[tokio::test]
async fn the_list_of_domains() {
    let mut app = listed(
        &["good.test", "proxied.test", "no-mx.test", "apex.test"],
        Lang::En,
    )
    .await;
    assert_eq!(app.screen, Screen::List);
    assert_eq!(
        app.tick_every(),
        Some(Duration::from_millis(100)),
        "a row is still checking"
    );
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.checked(), 3);
    // Worst first: the errors, then the rest, the unchecked last.
    press(&mut app, KeyCode::Char('s'));
    let list = app.list.as_ref().unwrap();
    let shown: Vec<&str> = list
        .order()
        .iter()
        .map(|i| list.names.get(*i).unwrap())
        .collect();
    assert_eq!(
        shown,
        ["proxied.test", "no-mx.test", "good.test", "apex.test"]
    );
    // Sorting keeps the chosen domain (good.test, the first) chosen.
    assert_eq!(app.list.as_ref().unwrap().selected, 2);
    // Enter opens the selected domain in the wizard; Esc comes back.
    press(&mut app, KeyCode::Up);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(
            &effects[..],
            [Effect::Diagnose { target, .. }] if target.ascii == "no-mx.test"
        ),
        "{effects:?} {:?}",
        app.screen
    );
    assert_eq!(app.screen, Screen::Step(Step::Records));
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.screen, Screen::List);
    assert_eq!(
        app.list.as_ref().unwrap().selected,
        1,
        "the same row stays chosen"
    );
    // On the list, q and Esc quit.
    assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Quit]);
}

// ---- screens ----

async fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut out = vec![];
    out.push((
        "domain",
        App::new(lang, Brand::built_in("cloudflare").unwrap(), false),
    ));
    let mut bad = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut bad, "*.example.com");
    press(&mut bad, KeyCode::Enter);
    out.push(("domain-error", bad));
    for (name, domain, screen) in [
        ("records", "target-cname.test", Screen::Step(Step::Records)),
        ("records-healthy", "good.test", Screen::Step(Step::Records)),
        ("proxy", "proxied.test", Screen::Step(Step::Proxy)),
        ("practices", "good.test", Screen::Step(Step::Practices)),
        ("provider", "workspace.test", Screen::Step(Step::Provider)),
        ("summary", "proxied.test", Screen::Summary),
        ("summary-healthy", "good.test", Screen::Summary),
        ("proxy-no-mx", "no-mx.test", Screen::Step(Step::Proxy)),
        (
            "records-long",
            "longnames.test",
            Screen::Step(Step::Records),
        ),
        ("proxy-long", "longnames.test", Screen::Step(Step::Proxy)),
        ("summary-long", "longnames.test", Screen::Summary),
        (
            "records-hostile",
            "hostile.test",
            Screen::Step(Step::Records),
        ),
        ("summary-shared", "shared.test", Screen::Summary),
    ] {
        let mut app = checked(domain, lang).await;
        go_to(&mut app, screen);
        out.push((name, app));
    }
    for (name, screen) in [
        ("summary-dead", Screen::Summary),
        ("proxy-dead", Screen::Step(Step::Proxy)),
    ] {
        let mut dead = checked_dead("good.test", lang).await;
        go_to(&mut dead, screen);
        out.push((name, dead));
    }
    // With --sender-ip: the web server fails SPF, the mail host passes.
    let mut senders = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut senders, "spfproxied.test");
    let effects = press(&mut senders, KeyCode::Enter);
    let ips = [
        "198.51.100.7".parse().unwrap(),
        "192.0.2.77".parse().unwrap(),
    ];
    feed_from(&mut senders, effects, zones(), Duration::from_secs(2), &ips).await;
    go_to(&mut senders, Screen::Step(Step::Records));
    out.push(("records-senders", senders));
    let mut list = listed(
        &["good.test", "proxied.test", "no-mx.test", "apex.test"],
        lang,
    )
    .await;
    press(&mut list, KeyCode::Char('s'));
    out.push(("list", list));
    let mut details = checked("proxied.test", lang).await;
    press(&mut details, KeyCode::Char('d'));
    out.push(("details", details));
    let mut details = checked("longnames.test", lang).await;
    press(&mut details, KeyCode::Char('d'));
    out.push(("details-long", details));
    let mut help = checked("proxied.test", lang).await;
    press(&mut help, KeyCode::Char('?'));
    out.push(("help", help));
    out
}

/// Fails when a line of the screen was cut without "…": every text keeps
/// the last column inside its box (or of the screen) blank, so a
/// character there was clipped. On the steps, the summary and their
/// overlays, the footer shows the report, help and quit keys.
pub fn assert_fits(app: &App, terminal: &Terminal<TestBackend>, name: &str) {
    let buffer = terminal.backend().buffer();
    let (width, height) = (buffer.area.width, buffer.area.height);
    let border = |s: &str| matches!(s, "│" | "┐" | "┘" | "─" | "┤");
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        let last = buffer[(width - 1, y)].symbol();
        let edge = if last == "│" {
            buffer[(width - 2, y)].symbol()
        } else {
            last
        };
        assert!(
            matches!(edge, " " | "…") || border(edge),
            "{name}: line {y} is cut without \"…\":\n{row}\n{:?}",
            terminal.backend()
        );
    }
    let footer: String = (0..width)
        .map(|x| buffer[(x, height - 1)].symbol())
        .collect();
    let steps = matches!(app.screen, Screen::Step(_) | Screen::Summary);
    if steps && app.overlay != Some(Overlay::Fix) {
        for key in [" e ", " ? ", " q "] {
            assert!(
                footer.contains(key),
                "{name}: the footer lacks{key}:\n{footer}"
            );
        }
    }
}

#[tokio::test]
async fn every_screen_fits_80x24_in_both_languages() {
    for lang in Lang::ALL {
        for (name, app) in screens(lang).await {
            let terminal = screen(&app, 80, 24);
            assert_fits(&app, &terminal, &format!("{name}-{}", lang.id()));
        }
    }
}

#[tokio::test]
async fn every_screen_in_both_languages_and_sizes() {
    for lang in Lang::ALL {
        for (name, app) in screens(lang).await {
            for (w, h) in [(80, 24), (120, 40)] {
                let terminal = screen(&app, w, h);
                insta::assert_snapshot!(
                    format!("{name}-{}-{w}x{h}", lang.id()),
                    terminal.backend()
                );
            }
        }
        let app = checked("proxied.test", lang).await;
        insta::assert_snapshot!(
            format!("too-small-{}", lang.id()),
            screen(&app, 59, 20).backend()
        );
    }
}

/// Step 1 says the SPF record passed only when receivers would evaluate it
/// without error; a broken record has its finding instead.
#[tokio::test]
async fn step_one_gives_the_spf_verdict() {
    for (domain, shown) in [
        ("good.test", true),
        ("spf-bad.test", false),
        ("spf11.test", false),
    ] {
        for (lang, words) in [(Lang::En, "SPF record valid"), (Lang::Fr, "SPF valide")] {
            let mut app = checked(domain, lang).await;
            go_to(&mut app, Screen::Step(Step::Records));
            let text = format!("{:?}", screen(&app, 120, 40).backend());
            assert_eq!(text.contains(words), shown, "{domain} {lang:?}:\n{text}");
        }
    }
}

/// The old provider's DS at the registry explains itself on step 1 at
/// 80×24 in both languages: what broke, who sees it, what to change and
/// where.
#[tokio::test]
async fn the_old_ds_explains_itself_on_one_screen() {
    for lang in Lang::ALL {
        let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
        type_text(&mut app, "oldds.sec");
        let effects = press(&mut app, KeyCode::Enter);
        let Some(Effect::Diagnose { generation, .. }) = effects.into_iter().next() else {
            panic!("expected a diagnosis to start");
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let d = crate::dnssec::checked_without_smtp("oldds.sec", Some(tx)).await;
        finish_steady(&mut app, generation, &mut rx, d);
        go_to(&mut app, Screen::Step(Step::Records));
        let terminal = screen(&app, 80, 24);
        assert_fits(&app, &terminal, &format!("oldds-{}", lang.id()));
        // The fix's last words are on screen, not below the fold.
        let end = match lang {
            Lang::Fr => "ou supprimez-le.",
            Lang::En => "(it is the old provider's).",
        };
        let shown = format!("{:?}", terminal.backend());
        assert!(shown.contains(end), "{shown}");
        insta::assert_snapshot!(format!("oldds-{}-80x24", lang.id()), terminal.backend());
    }
}

/// The mail path shows DANE per host: a TLSA record that matches the
/// certificate presented, and one that does not.
#[tokio::test]
async fn the_mail_path_shows_dane() {
    for (domain, hop) in [
        ("ok.sec", "DANE ✓"),
        ("danebad.sec", "DANE ✗"),
        ("oldds.sec", ""),
    ] {
        let mut app = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
        type_text(&mut app, domain);
        let effects = press(&mut app, KeyCode::Enter);
        let Some(Effect::Diagnose { generation, .. }) = effects.into_iter().next() else {
            panic!("expected a diagnosis to start");
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let d = crate::dnssec::checked_with_smtp(domain, tx).await;
        while let Ok(p) = rx.try_recv() {
            app.update(Msg::Progress(generation, p));
        }
        app.update(Msg::Finished(generation, Box::new(d)));
        go_to(&mut app, Screen::Step(Step::Proxy));
        let shown = format!("{:?}", screen(&app, 120, 40).backend());
        if hop.is_empty() {
            assert!(
                !shown.contains("DANE ✓") && !shown.contains("DANE ✗"),
                "{shown}"
            );
        } else {
            assert!(shown.contains(hop), "{shown}");
        }
        // The details view ends with the TLSA records and what they matched.
        if domain == "ok.sec" {
            press(&mut app, KeyCode::Char('d'));
            screen(&app, 120, 40);
            press(&mut app, KeyCode::End);
            let shown = format!("{:?}", screen(&app, 120, 40).backend());
            assert!(
                shown.contains(
                    "TLSA _25._tcp.mail.ok.sec  matches the certificate presented at 127.0.0.1  3 1 1"
                ),
                "{shown}"
            );
        }
    }
}

/// `1`–`4` and `b` go straight to a step or the summary once there is a
/// diagnosis; in the domain field they are letters.
/// A fresh check lands on the first step in error, or on the summary when
/// nothing is wrong; a recheck leaves the user where they are.
#[tokio::test]
async fn a_check_lands_where_the_story_is() {
    let app = checked("target-cname.test", Lang::En).await;
    assert_eq!(app.screen, Screen::Step(Step::Records));
    let app = checked("proxied.test", Lang::Fr).await;
    assert_eq!(app.screen, Screen::Step(Step::Proxy));
    let mut app = checked("good.test", Lang::En).await;
    assert_eq!(app.screen, Screen::Summary);
    go_to(&mut app, Screen::Step(Step::Practices));
    let effects = press(&mut app, KeyCode::Char('r'));
    feed(&mut app, effects).await;
    assert!(app.diagnosis.is_some());
    assert_eq!(app.screen, Screen::Step(Step::Practices));
}

#[tokio::test]
async fn number_keys_jump_to_the_steps() {
    let mut app = checked("proxied.test", Lang::En).await;
    for (key, to) in [
        ('2', Screen::Step(Step::Proxy)),
        ('b', Screen::Summary),
        ('4', Screen::Step(Step::Provider)),
        ('1', Screen::Step(Step::Records)),
        ('3', Screen::Step(Step::Practices)),
    ] {
        press(&mut app, KeyCode::Char(key));
        assert_eq!(app.screen, to, "{key}");
    }
    let mut fresh = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    type_text(&mut fresh, "b2");
    assert_eq!(fresh.screen, Screen::Domain);
    assert_eq!(fresh.input.value(), "b2");
}

/// Scrolling stops at the end: End (or G) shows the last line and no
/// further; j and k move one line; Home (or g) goes back to the top.
#[tokio::test]
async fn scrolling_stops_at_the_end() {
    // The help at 80×24 runs past its box.
    let mut app = checked("proxied.test", Lang::En).await;
    press(&mut app, KeyCode::Char('?'));
    screen(&app, 80, 24);
    let room = app.overlay_room.get();
    assert!(room > 0 && room < 100, "{room}");
    press(&mut app, KeyCode::End);
    assert_eq!(app.overlay_scroll, room);
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.overlay_scroll, room);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.overlay_scroll, room - 1);
    let shown = format!("{:?}", screen(&app, 80, 24).backend());
    assert!(shown.contains("▼ 1 more"), "{shown}");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.overlay_scroll, 0);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.overlay_scroll, room);
}

#[tokio::test]
async fn no_colour_when_asked() {
    let app = checked("proxied.test", Lang::En).await;
    for color in [true, false] {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| {
                mxdoctor::wizard::draw(f, &app, if color { Theme::dark() } else { Theme::plain() });
            })
            .unwrap();
        let coloured = terminal.backend().buffer().content().iter().any(|cell| {
            cell.fg != ratatui::style::Color::Reset || cell.bg != ratatui::style::Color::Reset
        });
        assert_eq!(coloured, color, "colour {color}");
    }
}

#[tokio::test]
async fn the_fit_check_catches_a_line_cut_silently() {
    use ratatui::widgets::{Block, Borders, Paragraph};
    let app = checked("proxied.test", Lang::En).await;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            let text = "a line longer than its box, which ratatui clips at the border without any sign of it";
            f.render_widget(
                Paragraph::new(text).block(Block::default().borders(Borders::ALL)),
                f.area(),
            );
        })
        .unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        assert_fits(&app, &terminal, "clipped");
    }));
    assert!(caught.is_err(), "a clipped line must fail the check");
}

/// Words that belong to one language only: one of them on the other
/// language's screen or report is a string that was not translated.
const ENGLISH_ONLY: &[&str] = &[
    "Records",
    "Summary",
    "Lookups",
    "Findings",
    "Enter",
    "Esc",
    "PgUp",
    "PgDn",
    "nodata",
    "nxdomain",
    "refused",
    "timeout",
    "servfail",
    "Why",
    "Fix",
    "error",
    "warning",
    "proxied",
    "only",
    "checked",
    "Provider",
    "Practices",
    "Answers",
    "Status",
    "Server",
    "report",
    "details",
    "quit",
    "help",
    "move",
    "watch",
    "recheck",
    "the",
    "and",
    "with",
    "not",
    "no",
    "yes",
    "Domain",
    "Language",
    "Host",
    "Address",
    "Result",
    "failed",
    "greeted",
    "lookup",
    "lookups",
    "record",
    "unknown",
    "Started",
    "Duration",
    "Resolvers",
    "of",
    "to",
];
const FRENCH_ONLY: &[&str] = &[
    "Requêtes",
    "Constats",
    "Bilan",
    "Entrée",
    "Échap",
    "erreur",
    "avertissement",
    "remarque",
    "traité",
    "uniquement",
    "vérifié",
    "Pourquoi",
    "faire",
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "Domaine",
    "aucun",
    "aucune",
    "Fournisseur",
    "Pratiques",
    "rapport",
    "quitter",
    "aide",
    "naviguer",
    "Langue",
    "Hôte",
    "Adresse",
    "Résultat",
    "Début",
    "Durée",
    "Résolveurs",
    "requête",
    "délai",
    "refusé",
    "domaine",
    "est",
    "pas",
];

/// The words of `text` a reader sees as words: host names, addresses and
/// record contents (anything with a dot, an @ or an =) are data, not words.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| {
        !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '=' | '’' | '\''))
    })
    .map(|w| w.trim_end_matches('.'))
    .filter(|w| !w.is_empty() && !w.contains(['.', '@', '=']))
    .map(|w| w.rsplit(['’', '\'']).next().unwrap_or(w).to_string())
    .collect()
}

fn assert_one_language(lang: Lang, text: &str, name: &str) {
    let foreign = match lang {
        Lang::Fr => ENGLISH_ONLY,
        Lang::En => FRENCH_ONLY,
    };
    for word in words_of(text) {
        assert!(
            !foreign.contains(&word.as_str()),
            "{name}: \"{word}\" is not {}:\n{text}",
            lang.id()
        );
    }
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[tokio::test]
async fn each_language_all_the_way_on_screens_and_reports() {
    for lang in Lang::ALL {
        for (name, app) in screens(lang).await {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = screen_text(&screen(&app, w, h));
                assert_one_language(lang, &text, &format!("{name}-{}-{w}x{h}", lang.id()));
            }
        }
        for domain in ["proxied.test", "good.test", "shared.test", "longnames.test"] {
            let app = checked(domain, lang).await;
            let words = mxdoctor::Words {
                loc: &app.loc,
                brand: &app.brand,
            };
            let d = app.diagnosis.as_ref().unwrap();
            let report = mxdoctor::report::markdown::render(d, &words);
            assert_one_language(lang, &report, &format!("{domain} report {}", lang.id()));
            let text = mxdoctor::report::text::render(d, &words, true);
            assert_one_language(lang, &text, &format!("{domain} text {}", lang.id()));
        }
    }
}

#[test]
fn the_demo_takes_only_its_own_domains() {
    let mut app = App::new(Lang::Fr, Brand::built_in("cloudflare").unwrap(), false);
    app.suggestions = vec!["proxied.example".into(), "healthy.example".into()];
    type_text(&mut app, "example.com");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "nothing is looked up");
    assert_eq!(app.screen, Screen::Domain);
    let problem = app.input_error.as_ref().expect("a message under the field");
    assert_eq!(problem.id, "wiz-demo-only");
    for _ in 0.."example.com".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "proxied");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(!effects.is_empty(), "a demo domain is checked");
    assert_eq!(app.target.as_ref().unwrap().ascii, "proxied.example");
}

/// The footer's last line, as drawn at 80×24.
fn footer_of(app: &App) -> String {
    let text = screen_text(&screen(app, 80, 24));
    text.lines().last().unwrap_or_default().to_string()
}

/// Each footer offers only keys that work there: no `f` without a token
/// (pressed anyway, the status line says why), `r` and `w` in both
/// languages at 80×24, Esc back to the list only from a listed domain.
#[tokio::test]
async fn the_footer_offers_only_keys_that_work() {
    for (lang, recheck, watch, why) in [
        (
            Lang::En,
            "r recheck",
            "w watch",
            "To fix this from here, mxdoctor needs a Cloudflare API token",
        ),
        (
            Lang::Fr,
            "r revérifier",
            "w suivre",
            "Pour corriger d’ici, il faut un jeton d’API Cloudflare",
        ),
    ] {
        let mut app = checked("proxied.test", lang).await;
        assert_eq!(app.screen, Screen::Step(Step::Proxy));
        let footer = footer_of(&app);
        assert!(!footer.contains(" f "), "{footer}");
        assert!(
            footer.contains(recheck) && footer.contains(watch),
            "{footer}"
        );
        assert!(
            !footer.contains("Esc") && !footer.contains("Échap"),
            "{footer}"
        );
        assert!(!screen_text(&screen(&app, 80, 24)).contains(why));
        assert_eq!(press(&mut app, KeyCode::Char('f')), vec![]);
        assert_eq!(app.overlay, None, "no dialog that cannot work");
        let text = screen_text(&screen(&app, 80, 24));
        assert!(text.contains(why), "{text}");
        // The next key clears it.
        press(&mut app, KeyCode::Char('j'));
        assert!(!screen_text(&screen(&app, 80, 24)).contains(why));
        // The summary says it without asking.
        go_to(&mut app, Screen::Summary);
        assert!(screen_text(&screen(&app, 80, 24)).contains(why));
    }
    // Nothing to fix: nothing offered, and f says so.
    let mut app = checked("good.test", Lang::En).await;
    assert!(!footer_of(&app).contains(" f "));
    press(&mut app, KeyCode::Char('f'));
    let text = screen_text(&screen(&app, 80, 24));
    assert!(text.contains("Nothing here can be changed"), "{text}");
}

/// Help is modal: keys act on it alone, and it lists the keys of the
/// screen under it first.
#[tokio::test]
async fn help_is_modal_and_starts_with_this_screen() {
    let mut app = checked("proxied.test", Lang::En).await;
    let generation = app.generation;
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay, Some(Overlay::Help));
    for key in ['2', 'b', 'r', 'w', 'f', 'q'] {
        if key == 'q' {
            break;
        }
        let effects = press(&mut app, KeyCode::Char(key));
        assert!(effects.is_empty(), "{key}: {effects:?}");
        assert_eq!(app.screen, Screen::Step(Step::Proxy), "{key}");
        assert_eq!(app.overlay, Some(Overlay::Help), "{key}");
    }
    assert_eq!(app.generation, generation, "no check started behind help");
    let text = screen_text(&screen(&app, 80, 40));
    let here = text.find("On this screen").unwrap();
    let elsewhere = text.find("Elsewhere").unwrap();
    let next = text.find("next step").unwrap();
    let choose = text.find("list of domains: choose one").unwrap();
    assert!(
        here < next && next < elsewhere && elsewhere < choose,
        "{text}"
    );
    let footer = footer_of(&app);
    assert!(footer.contains("Esc close"), "{footer}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(app.screen, Screen::Step(Step::Proxy));
}

/// The wheel scrolls the box under it; a click on a step's name in the
/// bar opens it.
#[tokio::test]
async fn the_mouse_scrolls_and_opens_steps() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut app = checked("proxied.test", Lang::En).await;
    // At the smallest size the findings run past their box.
    screen(&app, 80, 20);
    assert!(app.scroll_room.get() > 0);
    app.update(mouse(MouseEventKind::ScrollDown, 10, 15));
    assert_eq!(app.scroll, 3.min(app.scroll_room.get()));
    app.update(mouse(MouseEventKind::ScrollUp, 10, 15));
    assert_eq!(app.scroll, 0);
    // The bar: " Domain › 1 Records ✓ › 2 Proxy ✗ › 3 Practices ✓ …"
    let text = screen_text(&screen(&app, 80, 24));
    let bar = text.lines().nth(1).unwrap();
    let column = |label: &str| {
        let at = bar.find(label).unwrap();
        u16::try_from(bar[..at].chars().count() + 1).unwrap()
    };
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        column("3 Practices"),
        1,
    ));
    assert_eq!(app.screen, Screen::Step(Step::Practices));
    screen(&app, 80, 24);
    app.update(mouse(
        MouseEventKind::Down(MouseButton::Left),
        column("Summary"),
        1,
    ));
    assert_eq!(app.screen, Screen::Summary);
    // A click elsewhere does nothing.
    app.update(mouse(MouseEventKind::Down(MouseButton::Left), 40, 12));
    assert_eq!(app.screen, Screen::Summary);
}

/// The details view keeps its column names while the rows scroll, never
/// cuts a status (short forms when narrow), and shows the server from 100
/// columns up.
#[tokio::test]
async fn the_details_keep_their_header_and_statuses() {
    for lang in Lang::ALL {
        let mut app = checked("proxied.test", lang).await;
        press(&mut app, KeyCode::Char('d'));
        let (status, server) = if lang == Lang::En {
            ("Status", "Server")
        } else {
            ("État", "Serveur")
        };
        for (width, height) in [(80, 24), (100, 30), (120, 40)] {
            screen(&app, width, height);
            press(&mut app, KeyCode::End);
            let text = screen_text(&screen(&app, width, height));
            let lines: Vec<&str> = text.lines().collect();
            // The box starts on line 3: its first row is the header.
            assert!(lines[4].contains(status), "{width}: {text}");
            assert_eq!(lines[4].contains(server), width >= 100, "{width}: {text}");
            if app.overlay_room.get() > 0 {
                assert!(text.contains('▲'), "{width}: scrolled: {text}");
            }
            // No cut status: a status cell never ends in "…".
            for row in &lines[5..lines.len() - 2] {
                let cells: Vec<&str> = row.split("  ").filter(|c| !c.is_empty()).collect();
                assert!(
                    !cells.iter().any(|c| {
                        ["inexist", "aucun enreg", "no rec", "domaine ine"]
                            .iter()
                            .any(|s| c.contains(s) && c.ends_with('…'))
                    }),
                    "{width}: {row}"
                );
            }
            press(&mut app, KeyCode::Home);
        }
    }
}

/// The wizard keeps tasks by their progress id: every id reported done
/// was reported started, in order, even with an SPF record evaluated on
/// the side (its evaluations once took ids and left a gap that hid every
/// later task, the connection tests among them).
#[tokio::test]
async fn progress_ids_leave_no_gap() {
    let target = mxdoctor::parse_domain("good.test").unwrap();
    let dns = std::sync::Arc::new(
        Dns::new(&Servers::List(vec![zones()]), Duration::from_secs(2)).unwrap(),
    );
    // A port nothing listens on: the connection test starts, and fails fast.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut plan = crate::common::plan_with_zone_servers(zones().port());
    plan.probe_policy = mxdoctor::ProbePolicy::LoopbackOnly;
    plan.smtp_port = closed.local_addr().unwrap().port();
    drop(closed);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let brand = Brand::built_in("cloudflare").unwrap();
    let d = diagnose(
        dns,
        &target,
        &plan,
        &brand,
        &Providers::built_in(),
        Some(tx),
    )
    .await;
    assert!(d.spf.is_some(), "good.test has an SPF record to evaluate");
    let mut started = vec![];
    let mut done = vec![];
    while let Ok(p) = rx.try_recv() {
        match p {
            Progress::Started { id, .. } => started.push(id),
            Progress::LookupDone { id, .. } | Progress::ProbeDone { id, .. } => done.push(id),
        }
    }
    assert_eq!(started, (0..started.len()).collect::<Vec<_>>());
    assert!(done.iter().all(|id| *id < started.len()), "{done:?}");
    assert_eq!(done.len(), started.len(), "every task ends");
    assert!(!d.evidence.probes.is_empty(), "a connection test was made");
}

/// Without MX records the domain itself receives mail (RFC 5321 §5.1):
/// step 2 lists the root's addresses and draws the path through it; the
/// summary puts errors before warnings and says one fix for the two
/// faces of that one problem.
#[tokio::test]
async fn a_domain_without_mx_shows_its_implicit_path() {
    let mut app = checked("no-mx.test", Lang::En).await;
    go_to(&mut app, Screen::Step(Step::Proxy));
    let shown = screen_text(&screen(&app, 100, 30));
    assert!(shown.contains("(no MX) → no-mx.test → "), "{shown}");
    assert!(shown.contains("A    no-mx.test"), "{shown}");
    go_to(&mut app, Screen::Summary);
    let shown = screen_text(&screen(&app, 120, 40));
    let error = shown.find("✗ no-mx.test has no MX record").unwrap();
    let warning = shown.find(" ! ").unwrap_or(usize::MAX);
    assert!(error < warning, "{shown}");
    assert_eq!(
        shown.matches("Fix:").count(),
        1,
        "one problem, one fix: {shown}"
    );
}

/// Back in the domain field after a check, Esc returns to the result
/// (and says so in the footer) instead of quitting; before any check it
/// quits.
#[tokio::test]
async fn esc_in_the_field_returns_to_the_result() {
    let mut fresh = App::new(Lang::En, Brand::built_in("cloudflare").unwrap(), false);
    let footer = |app: &App| {
        screen_text(&screen(app, 80, 24))
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    assert!(footer(&fresh).contains("Esc quit"), "{}", footer(&fresh));
    assert_eq!(press(&mut fresh, KeyCode::Esc), vec![Effect::Quit]);

    for lang in [Lang::En, Lang::Fr] {
        let mut app = checked("proxied.test", lang).await;
        go_to(&mut app, Screen::Step(Step::Records));
        press(&mut app, KeyCode::Left);
        assert_eq!(app.screen, Screen::Domain);
        assert_eq!(app.focus, Focus::Input);
        let shown = footer(&app);
        let want = if lang == Lang::En {
            "Esc result"
        } else {
            "Échap résultat"
        };
        assert!(shown.contains(want), "{shown}");
        assert_eq!(press(&mut app, KeyCode::Esc), vec![]);
        assert_eq!(app.screen, Screen::Step(Step::Proxy));
    }
}

/// The light theme draws the same screens with colours that read on a
/// light background: no yellow, cyan or white text anywhere, and the
/// snapshot of the cells' colours keeps it so.
#[tokio::test]
async fn the_light_theme_has_no_pale_text() {
    use ratatui::style::Color;
    for (name, app) in screens(Lang::Fr).await {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| mxdoctor::wizard::draw(f, &app, Theme::light()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let pale: Vec<String> = buffer
            .content()
            .iter()
            .filter(|c| {
                matches!(
                    c.fg,
                    Color::Yellow | Color::LightYellow | Color::Cyan | Color::White | Color::Gray
                )
            })
            .map(|c| c.symbol().to_string())
            .collect();
        assert!(pale.is_empty(), "{name}: {pale:?}");
        if name == "proxy" {
            let mut colours = String::new();
            for y in 0..buffer.area.height {
                for x in 0..buffer.area.width {
                    colours.push(match buffer[(x, y)].fg {
                        Color::Red => 'r',
                        Color::Green => 'g',
                        Color::Magenta => 'm',
                        Color::Blue => 'b',
                        Color::DarkGray => 'd',
                        Color::Reset => '.',
                        _ => '?',
                    });
                }
                colours.push('\n');
            }
            insta::assert_snapshot!(
                "light-proxy-fr-80x24",
                format!("{}\n{colours}", screen_text(&terminal))
            );
        }
    }
}
