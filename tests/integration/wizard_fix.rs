//! The wizard's fix, the whole loop in the state machine: diagnose with
//! the fake API's records, open the dialog, say no, say yes, apply at the
//! fake API, and watch the zone server serve the change.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mxdoctor::wizard::{App, Effect, FixStage, Msg, Overlay, Screen, Theme};
use mxdoctor::{Api, Brand, Lang, Providers, Step, Token};
use mxdoctor::{Dns, Servers, ZoneServer, diagnose_with};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::cdn_api::{TOKEN, ZONE_ID, servers, setup};

fn press(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

/// Runs what `effects` ask for as the event loop would, and feeds back.
async fn run(app: &mut App, effects: Vec<Effect>, dns: &ZoneServer, api: &Api) {
    for effect in effects {
        if let Effect::PlanFix(input) = &effect {
            let plan = mxdoctor::wizard::plan_fix(&input.evidence, &input.findings, &input.zone);
            app.update(Msg::Planned(plan));
        }
        if let Effect::Diagnose { target, generation } = effect {
            let resolver = Arc::new(
                Dns::new(&Servers::List(vec![dns.addr()]), Duration::from_secs(2)).unwrap(),
            );
            let plan = crate::common::plan_with_zone_servers(dns.addr().port());
            let d = diagnose_with(
                resolver,
                &target,
                &plan,
                &app.brand,
                &Providers::built_in(),
                None,
                Some(api),
            )
            .await;
            app.update(Msg::Finished(generation, Box::new(d)));
        }
    }
}

/// A client of the fake API, with the token it accepts.
fn client(fake: &mxdoctor::FakeApi) -> Api {
    Api::new(
        &fake.base(),
        Token::new(TOKEN).unwrap(),
        Duration::from_secs(5),
    )
    .unwrap()
}

/// The wizard on cdn.test, diagnosed with the API, on the proxy step.
async fn on_the_proxy_step(lang: Lang, dns: &ZoneServer, api: &Api) -> App {
    let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    app.api_ready = true;
    let effects = app.start_with(mxdoctor::parse_domain("cdn.test").unwrap());
    run(&mut app, effects, dns, api).await;
    while app.screen != Screen::Step(Step::Proxy) {
        app.update(Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)));
    }
    app
}

fn text(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| mxdoctor::wizard::draw(f, app, Theme::plain()))
        .unwrap();
    // The dialog fits 80×24 as every screen does.
    crate::wizard::assert_fits(app, &terminal, "fix dialog");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnose_confirm_apply_and_see_it_fixed_at_the_source() {
    for lang in [Lang::En, Lang::Fr] {
        let (dns, fake) = servers(setup()).await;
        let api = client(&fake);
        let mut app = on_the_proxy_step(lang, &dns, &api).await;

        // The plan, made off the screen's loop, then no: nothing asked of
        // the API.
        let effects = press(&mut app, 'f');
        assert!(matches!(app.fix, Some(FixStage::Planning)));
        assert!(
            matches!(effects.as_slice(), [Effect::PlanFix(_)]),
            "{effects:?}"
        );
        run(&mut app, effects, &dns, &api).await;
        assert_eq!(app.overlay, Some(Overlay::Fix));
        insta::assert_snapshot!(format!("fix-plan-{lang:?}"), text(&app));
        assert!(press(&mut app, 'n').is_empty());
        assert_eq!(app.overlay, None);
        // Enter is no yes.
        let effects = press(&mut app, 'f');
        run(&mut app, effects, &dns, &api).await;
        assert!(
            app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)))
                .is_empty()
        );
        assert!(fake.calls().iter().all(|c| c.starts_with("GET")));

        // Yes, in the language's own letter.
        let yes = if lang == Lang::Fr { 'o' } else { 'y' };
        let effects = press(&mut app, yes);
        let [Effect::ApplyFix(plan)] = effects.as_slice() else {
            panic!("expected the fix to be applied: {effects:?}");
        };
        assert!(matches!(app.fix, Some(FixStage::Applying(_))));
        let applied = mxdoctor::wizard::apply_fix(&api, plan).await;
        assert_eq!(
            fake.calls()
                .iter()
                .filter(|c| c.starts_with("PATCH"))
                .collect::<Vec<_>>(),
            [&format!("PATCH /zones/{ZONE_ID}/dns_records/r3")]
        );
        // Applied: the watch checks again at once.
        let effects = app.update(Msg::FixApplied(applied));
        assert!(
            matches!(effects.as_slice(), [Effect::Diagnose { .. }]),
            "{effects:?}"
        );
        run(&mut app, effects, &dns, &api).await;
        assert!(app.watch.fixed_at().is_some(), "fixed at the source");
        let screen = text(&app);
        let (done, fixed) = match lang {
            Lang::En => (
                "✓ mail.cdn.test A 192.0.2.25: Proxied → DNS only",
                "Fixed at Cloudflare at",
            ),
            Lang::Fr => (
                "✓ mail.cdn.test A 192.0.2.25\u{a0}: Traité par proxy → DNS",
                "Corrigé chez Cloudflare à",
            ),
        };
        assert!(screen.contains(done), "{screen}");
        assert!(screen.contains(fixed), "{screen}");
        assert_eq!(app.watch.next(), None, "nothing left to watch");
    }
}

/// `q` or a signal while a change is written at the CDN: the wizard waits
/// for the API's answer, shows what was done, then leaves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_during_the_write_waits_for_its_answer() {
    let (dns, fake) = servers(setup()).await;
    let api = client(&fake);
    let mut app = on_the_proxy_step(Lang::En, &dns, &api).await;
    let effects = press(&mut app, 'f');
    run(&mut app, effects, &dns, &api).await;
    let effects = press(&mut app, 'y');
    let [Effect::ApplyFix(plan)] = effects.as_slice() else {
        panic!("expected the fix to be applied: {effects:?}");
    };
    assert!(press(&mut app, 'q').is_empty(), "left during the write");
    assert!(
        app.update(Msg::Signal(15)).is_empty(),
        "left during the write"
    );
    assert!(text(&app).contains("Quitting once the CDN has answered"));
    let applied = mxdoctor::wizard::apply_fix(&api, plan).await;
    assert_eq!(app.update(Msg::FixApplied(applied)), vec![Effect::Quit]);
    assert!(matches!(app.fix, Some(FixStage::Done(..))));
}
