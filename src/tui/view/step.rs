//! One of the article's four steps: its lookups as they happen, the mail
//! path (proxy step), the findings with why and fix, and what DNS cannot
//! tell (practices step) or whom to contact (provider step).

use std::time::Instant;

use ratatui::Frame;

use crate::judge::diagnosis::Diagnosis;
use crate::judge::fix_status::FixStatus;
use crate::present::status::unsure_line;
use crate::present::{Words, clock, problem_text};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::chrome::step_number;
use super::chrome::{t, titled};
use super::fit::{Scrolled, boxed, fit};
use super::fit::{cells, wrap};
use super::widgets::{FindingsList, LookupTable, MailPath};
use crate::model::finding::Step;
use crate::model::sanitize::clean;
use crate::tui::keys;
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

/// ```text
/// ┌────────────────────────────────────────┐
/// │ 2. Mail records must not be proxied    │ title
/// │┌ Lookups ─────────────────────────────┐│ lookups: up to half the room
/// │└──────────────────────────────────────┘│   (a third with the mail path)
/// │┌ Mail path ───────────────────────────┐│ chain: proxy step only
/// │└──────────────────────────────────────┘│
/// │┌ Findings ────────────────────────────┐│ findings: the rest
/// │└──────────────────────────────────────┘│
/// │┌ One question / Whom to contact ──────┐│ extra: practices, provider
/// │└──────────────────────────────────────┘│
/// │ export, watch or cache status          │ status
/// └────────────────────────────────────────┘
/// ```
/// `true` when the findings run past their box.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect, step: Step) -> bool {
    let lookups = LookupTable { app, theme, step };
    let path = MailPath::new(app, theme, step == Step::Proxy, area.width);
    let chain_height = path.height().min(area.height / 4 + 2);
    let inner = area.width.saturating_sub(2);
    let extra = match step {
        Step::Practices if app.asks_question() => question_lines(app, theme, inner),
        Step::Provider => provider_lines(app, theme, inner),
        _ => vec![],
    };
    let extra_height = if extra.is_empty() {
        0
    } else {
        cells(extra.len()).saturating_add(2).min(area.height / 3)
    };
    // Lookups take what they need, up to half the room; findings the rest.
    let spare = area.height.saturating_sub(3 + chain_height + extra_height);
    // With the mail path drawn, the raw lookups matter less.
    let divisor = if path.is_empty() { 2 } else { 3 };
    let lookup_height = lookups.height().clamp(3, (spare / divisor).max(3));
    let [
        title,
        lookup_area,
        chain_area,
        findings_area,
        extra_area,
        status,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(lookup_height),
        Constraint::Length(chain_height),
        Constraint::Min(3),
        Constraint::Length(extra_height),
        Constraint::Length(status_height(app, theme, area.width)),
    ])
    .areas(area);

    let heading = format!(
        " {}. {}",
        step_number(step),
        t(app, &format!("step-{}", step.id()))
    );
    let heading = fit(&heading, usize::from(title.width.saturating_sub(1)));
    frame.render_widget(Paragraph::new(heading).style(theme.title()), title);

    frame.render_widget(lookups, lookup_area);
    if !path.is_empty() {
        frame.render_widget(path, chain_area);
    }
    let scrolling = FindingsList { app, theme, step }.render(findings_area, frame.buffer_mut());

    if !extra.is_empty() {
        let (id, border) = match step {
            Step::Practices if app.focus == Focus::Question => ("wiz-question-title", theme.key()),
            Step::Practices => ("wiz-question-title", theme.dim()),
            _ => ("wiz-provider-title", theme.dim()),
        };
        boxed(
            app,
            extra,
            titled(app, theme, id).border_style(border),
            Scrolled::Fixed,
            extra_area,
            frame.buffer_mut(),
        );
    }
    status_line(frame, app, theme, status);
    scrolling
}

/// The question, and the three answers with the chosen one marked (•),
/// not only by colour.
fn question_lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let keys = keys::label(&app.loc, "@keys-answer");
    let letters: Vec<&str> = keys.split('/').collect();
    let choice = |i: usize, id: &str, value: Option<bool>| {
        let chosen =
            app.question == crate::tui::state::Question::Answered && app.same_machine == value;
        let style = if chosen {
            theme.focused()
        } else {
            Style::new()
        };
        vec![
            Span::raw(if chosen { "(•) " } else { "( ) " }),
            Span::styled(format!("[{}]", letters.get(i).unwrap_or(&"?")), theme.key()),
            Span::styled(format!(" {}", t(app, id)), style),
            Span::raw("   "),
        ]
    };
    let mut options = vec![Span::raw(" ")];
    options.extend(choice(0, "wiz-answer-yes", Some(true)));
    options.extend(choice(1, "wiz-answer-no", Some(false)));
    options.extend(choice(2, "wiz-answer-unknown", None));
    let mut lines = wrap(
        " ",
        Style::new(),
        &t(app, "wiz-question"),
        Style::new(),
        width,
        " ",
    );
    lines.push(Line::from(options));
    lines
}

fn provider_lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let providers: Vec<String> = app
        .diagnosis
        .iter()
        .flat_map(Diagnosis::providers)
        .map(|(name, url)| format!("{name} — {url}"))
        .collect();
    let who = if providers.is_empty() {
        t(app, "wiz-provider-unknown")
    } else {
        providers.join(" · ")
    };
    let mut lines = wrap(" ", theme.bold(), &who, theme.bold(), width, " ");
    lines.extend(wrap(
        " ",
        Style::new(),
        &t(app, "wiz-provider-send"),
        Style::new(),
        width,
        " ",
    ));
    lines
}

/// Where watch mode stands: fixed at the source and until when caches may
/// hold the old answer, or when it checks next. `true` once fixed.
pub(super) fn watch_text(app: &App, now: Instant) -> Option<(String, bool)> {
    if let Some(FixStatus::Unknown(why)) = app.watch.status() {
        let words = Words {
            loc: &app.loc,
            brand: &app.brand,
        };
        let line = unsure_line(&words, why);
        return Some((
            app.loc.msg("wiz-watch-unknown", &[("line", line.into())]),
            false,
        ));
    }
    if let Some(at) = app.watch.fixed_at() {
        let at = clock(at);
        return Some(match app.watch.caches_until() {
            Some((until, ttl)) => {
                let left = until
                    .duration_since(jiff::Timestamp::now())
                    .as_secs()
                    .max(0)
                    .to_string();
                (
                    app.loc.msg(
                        "wiz-fixed-caches",
                        &[
                            ("brand", app.brand.name.clone().into()),
                            ("time", at.into()),
                            ("left", left.into()),
                            ("ttl", ttl.to_string().into()),
                            ("until", clock(until).into()),
                        ],
                    ),
                    true,
                )
            }
            None => (
                app.loc.msg(
                    "wiz-fixed-everywhere",
                    &[
                        ("brand", app.brand.name.clone().into()),
                        ("time", at.into()),
                    ],
                ),
                true,
            ),
        });
    }
    if app.watch.is_fixed() {
        return Some((t(app, "wiz-watch-fixed"), true));
    }
    let next = app.watch.next()?;
    let secs = next.saturating_duration_since(now).as_secs();
    // "in 0 s" reads as a stuck clock: the check is under way by then.
    if secs == 0 {
        return Some((t(app, "wiz-watch-checking"), false));
    }
    Some((
        app.loc
            .msg("wiz-watching", &[("secs", secs.to_string().into())]),
        false,
    ))
}

/// Export result, watch mode, or how long old answers may linger.
pub(super) fn status_line(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let (text, style) = status_text(app, theme);
    frame.render_widget(
        Paragraph::new(wrap(" ", style, &text, style, area.width, " ")),
        area,
    );
}

/// The rows the status takes: none when there is nothing to say, two at
/// most.
pub(super) fn status_height(app: &App, theme: Theme, width: u16) -> u16 {
    let (text, style) = status_text(app, theme);
    if text.is_empty() {
        return 0;
    }
    let rows = wrap(" ", style, &text, style, width, " ").len().min(2);
    u16::try_from(rows).unwrap_or(2)
}

/// Why `f` cannot fix what is wrong: on the summary, and wherever `f` was
/// just pressed (on the step itself, the advice needs the room).
fn fix_reason(app: &App) -> Option<String> {
    use crate::tui::state::{FixOffer, Notice, Screen};
    let told_here = app.screen == Screen::Summary;
    let refused = app.notice == Some(Notice::FixRefused);
    match app.fix_offer() {
        FixOffer::NoToken if told_here || refused => Some(app.loc.msg(
            "wiz-fix-no-token",
            &[
                ("brand", app.brand.name.clone().into()),
                ("var", crate::model::cdn::TOKEN_VAR.into()),
            ],
        )),
        FixOffer::ApiFailed(f) if told_here || refused => {
            let words = Words {
                loc: &app.loc,
                brand: &app.brand,
            };
            Some(
                app.loc
                    .msg("wiz-fix-api-failed", &[("reason", words.line(&f).into())]),
            )
        }
        FixOffer::Nothing if refused => Some(app.loc.msg(
            "wiz-fix-nothing",
            &[("brand", app.brand.name.clone().into())],
        )),
        _ => None,
    }
}

/// The export's outcome, the watch's state, or why `f` cannot fix.
fn status_text(app: &App, theme: Theme) -> (String, Style) {
    let now = Instant::now();
    if let Some(result) = &app.export {
        match result {
            Ok(path) => (
                app.loc.msg(
                    "wiz-exported",
                    &[("path", clean(&path.display().to_string()).into())],
                ),
                theme.good(),
            ),
            Err(problem) => (problem_text(&app.loc, problem), theme.bad()),
        }
    } else if let Some((text, good)) = watch_text(app, now) {
        (text, if good { theme.good() } else { theme.key() })
    } else if let Some(text) = fix_reason(app) {
        (text, theme.warn())
    } else {
        (String::new(), Style::new())
    }
}
