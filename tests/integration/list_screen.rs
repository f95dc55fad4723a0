//! The list screen as a support agent uses it on the demo's forty domains,
//! each checked for real against the demo's zones: the counts, a filter by
//! name and by finding code, the worst first, one opened and left, with
//! the selection seen without colour.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mxdoctor::wizard::{App, Checked, Effect, Msg, Screen, Theme};
use mxdoctor::{Brand, Lang, Providers, diagnose};
use mxdoctor::{Dns, Servers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common;

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The screen as text, drawn without colour.
fn plain_screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| mxdoctor::wizard::draw(f, app, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let coloured = buffer
        .content()
        .iter()
        .any(|c| c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset);
    assert!(!coloured, "NO_COLOR draws no colour");
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// Every demo domain checked against the demo's zones, as the list's task
/// would, in its order.
async fn demo_list(lang: Lang) -> App {
    let names: Vec<String> = mxdoctor::demo_world::list_domains();
    assert_eq!(names.len(), 40);
    let zones = mxdoctor::demo_world::serve_zones().await.unwrap();
    let dns =
        Arc::new(Dns::new(&Servers::List(vec![zones.addr()]), Duration::from_secs(2)).unwrap());
    let mut app = App::new(lang, Brand::built_in("cloudflare").unwrap(), false);
    let effects = app.start_with_list(
        "demo".into(),
        names.iter().collect(),
        vec!["line 3: \"not a domain\" is not a domain".into()],
    );
    assert!(
        matches!(&effects[..], [Effect::DiagnoseList(_)]),
        "{effects:?}"
    );
    let plan = common::plan_without_smtp();
    let brand = app.brand.clone();
    let providers = Providers::built_in();
    let checks = names.iter().enumerate().map(|(i, name)| {
        let dns = dns.clone();
        let (plan, brand, providers) = (&plan, &brand, &providers);
        async move {
            let target = mxdoctor::parse_domain(name).unwrap();
            (
                i,
                diagnose(dns, &target, plan, brand, providers, None).await,
            )
        }
    });
    for (i, d) in futures::future::join_all(checks).await {
        app.update(Msg::Listed(i, Checked::of(&d).unwrap()));
    }
    app
}

fn selected_line(screen: &[String]) -> &str {
    let marked: Vec<&String> = screen.iter().filter(|l| l.contains('▶')).collect();
    assert_eq!(marked.len(), 1, "one row marked:\n{}", screen.join("\n"));
    marked[0]
}

#[tokio::test]
async fn forty_domains_filtered_sorted_opened_and_back() {
    for lang in [Lang::En, Lang::Fr] {
        let mut app = demo_list(lang).await;
        let list = app.list.as_ref().unwrap();
        let counts = list.counts();
        assert_eq!(list.checked(), 40);
        assert_eq!(
            counts.errors + counts.warnings + counts.clear + counts.unsure,
            40
        );
        assert!(counts.errors > 0 && counts.clear > 0, "{counts:?}");

        // The first screen: the list named in the header, the counts, a
        // marker on the first row, more rows below, the skipped line.
        let screen = plain_screen(&app, 80, 24);
        let text = screen.join("\n");
        assert!(screen[0].contains("demo"), "{text}");
        assert!(selected_line(&screen).contains("healthy.example"), "{text}");
        let more = if lang == Lang::En { "more" } else { "de plus" };
        assert!(text.contains("▼ ") && text.contains(more), "{text}");
        assert!(text.contains("not a domain"), "{text}");
        let errors = counts.errors.to_string();
        assert!(screen[1].contains(&errors), "{text}");
        crate::wizard::assert_fits(&app, &term(&app), "list");

        // Down twice: the marker follows.
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('j'));
        let screen = plain_screen(&app, 80, 24);
        assert!(selected_line(&screen).contains("proxied.example"));

        // A filter on the name: only the healthy ones (the scenario and
        // its five copies), the count shown.
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "HEALTHY");
        let list = app.list.as_ref().unwrap();
        let shown: Vec<&str> = list
            .order()
            .iter()
            .map(|i| list.names.get(*i).unwrap())
            .collect();
        assert_eq!(shown.len(), 6, "{shown:?}");
        assert!(shown.iter().all(|n| n.starts_with("healthy")), "{shown:?}");
        let screen = plain_screen(&app, 80, 24).join("\n");
        assert!(screen.contains("healthy▏ (6"), "{screen}");
        // Enter keeps it.
        press(&mut app, KeyCode::Enter);
        assert!(!app.list.as_ref().unwrap().typing);
        assert_eq!(app.list.as_ref().unwrap().filter, "healthy");

        // A filter on a finding's code.
        press(&mut app, KeyCode::Char('/'));
        for _ in 0.."healthy".len() {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "mx-target-proxied");
        press(&mut app, KeyCode::Enter);
        let list = app.list.as_ref().unwrap();
        let by_code: Vec<&str> = list
            .order()
            .iter()
            .map(|i| list.names.get(*i).unwrap())
            .collect();
        assert!(
            by_code.iter().any(|n| n.starts_with("proxied")),
            "{by_code:?}"
        );
        assert!(
            !by_code.iter().any(|n| n.starts_with("healthy")),
            "{by_code:?}"
        );
        // Esc while typing empties the filter and stays on the list.
        press(&mut app, KeyCode::Char('/'));
        assert_eq!(press(&mut app, KeyCode::Esc), vec![]);
        assert!(app.list.as_ref().unwrap().filter.is_empty());
        assert_eq!(app.list.as_ref().unwrap().order().len(), 40);

        // The worst first: errors lead, healthy ones come after.
        press(&mut app, KeyCode::Char('s'));
        press(&mut app, KeyCode::Home);
        let list = app.list.as_ref().unwrap();
        let first = list.order()[0];
        assert_eq!(list.row(first).unwrap().worst(), mxdoctor::StepState::Error);
        let screen = plain_screen(&app, 80, 24).join("\n");
        let worst = if lang == Lang::En {
            "worst first"
        } else {
            "les plus graves d’abord"
        };
        assert!(screen.contains(worst), "{screen}");

        // Open the chosen one: the header names it, Esc is offered back.
        let chosen = list.names.get(first).unwrap().to_string();
        let effects = press(&mut app, KeyCode::Enter);
        assert!(
            matches!(&effects[..], [Effect::Diagnose { target, .. }] if target.ascii == chosen),
            "{effects:?}"
        );
        let screen = plain_screen(&app, 80, 24);
        assert!(screen[0].contains(&chosen), "{}", screen.join("\n"));
        let back = if lang == Lang::En {
            "Esc list"
        } else {
            "Échap liste"
        };
        assert!(screen[23].contains(back), "{}", screen[23]);
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.screen, Screen::List);
        let screen = plain_screen(&app, 80, 24);
        assert!(
            selected_line(&screen).contains(&chosen),
            "the same row stays chosen"
        );
        // On the list, Esc quits.
        assert_eq!(press(&mut app, KeyCode::Esc), vec![Effect::Quit]);
    }
}

fn term(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| mxdoctor::wizard::draw(f, app, Theme::plain()))
        .unwrap();
    terminal
}
