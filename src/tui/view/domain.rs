//! The first screen: which domain, which CDN, which language.

use ratatui::Frame;

use crate::present::problem_text;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::chrome::t;
use super::fit::at_most;
use super::fit::{cells, wrap};
use crate::model::sanitize::clean;
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

pub(super) fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let [_, title, hint, field, error, settings, _, suggestions] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 0,
    }));
    frame.render_widget(
        Paragraph::new(t(app, "wiz-domain-title")).style(theme.title()),
        title,
    );
    let dim = theme.dim();
    let hint_lines = wrap("", dim, &t(app, "wiz-domain-hint"), dim, hint.width, "");
    frame.render_widget(Paragraph::new(hint_lines), hint);

    let border = if app.focus == Focus::Input {
        theme.key()
    } else {
        theme.dim()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(format!(" {} ", t(app, "wiz-domain-label")));
    let inner_width = field.width.saturating_sub(2) as usize;
    let scroll = app.input.visual_scroll(inner_width.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(clean(app.input.value()))
            .scroll((0, cells(scroll)))
            .block(block),
        field,
    );
    if app.focus == Focus::Input && app.overlay.is_none() {
        let x = field.x + 1 + cells(app.input.visual_cursor().saturating_sub(scroll));
        frame.set_cursor_position((x.min(field.right().saturating_sub(2)), field.y + 1));
    }

    if let Some(usage) = &app.input_error {
        let text = problem_text(&app.loc, usage);
        let bad = theme.bad();
        let lines = wrap("", bad, &text, bad, error.width, "");
        frame.render_widget(Paragraph::new(at_most(lines, error.height)), error);
    }

    let setting = |label: &str, value: String, focus: Focus| {
        // The focused setting is marked, not only coloured.
        let (mark, style) = if app.focus == focus {
            ("▸ ", theme.focused())
        } else {
            ("  ", theme.bold())
        };
        Line::from(vec![
            Span::styled(mark, theme.key()),
            Span::raw(format!("{label} ")),
            Span::styled(format!("‹ {value} ›"), style),
        ])
    };
    let brand_value = app.brand.name.clone();
    frame.render_widget(
        Paragraph::new(vec![
            setting(&t(app, "wiz-brand-label"), brand_value, Focus::Brand),
            setting(
                &t(app, "wiz-lang-label"),
                t(app, "wiz-language-name"),
                Focus::Language,
            ),
        ]),
        settings,
    );

    if !app.suggestions.is_empty() {
        frame.render_widget(
            Paragraph::new(demo_lines(app, theme, suggestions)),
            suggestions,
        );
    }
}

/// The demo's domains: one a line with what each shows when there is
/// room, else their names in a paragraph.
fn demo_lines(app: &App, theme: Theme, area: Rect) -> Vec<Line<'static>> {
    let dim = theme.dim();
    let described: Vec<(String, String)> = app
        .suggestions
        .iter()
        .filter_map(|domain| {
            let id = format!("demo-{}", domain.split('.').next().unwrap_or_default());
            app.loc.has(&id).then(|| (domain.clone(), t(app, &id)))
        })
        .collect();
    let room = usize::from(area.height);
    if described.len() == app.suggestions.len() && room > described.len() {
        let head = app.loc.msg("wiz-demo-hint", &[("list", "".into())]);
        let mut lines = vec![Line::styled(
            super::fit::fit(head.trim_end(), usize::from(area.width)),
            dim,
        )];
        let name_w = described.iter().map(|(d, _)| d.len()).max().unwrap_or(0);
        for (domain, what) in described {
            let text = format!("  {domain:<name_w$}  {what}");
            lines.push(Line::styled(
                super::fit::fit(&text, usize::from(area.width.saturating_sub(1))),
                dim,
            ));
        }
        return lines;
    }
    let list = app.suggestions.join(", ");
    let text = app.loc.msg("wiz-demo-hint", &[("list", list.into())]);
    wrap("", dim, &text, dim, area.width, "")
}
