//! Text that does not fit its room ends in "…", so a cut never looks
//! whole; tables give their columns room by priority; a box whose content
//! runs past its bottom says how much more there is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::state::App;

/// `text` in at most `width` columns: whole, or cut and ending in "…".
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        text.to_string()
    } else {
        cut(text, width)
    }
}

/// `text` cut to end in "…" within `width` columns, whatever its length.
fn cut(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` fitted to `width`, then padded with spaces to fill it.
pub(crate) fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

/// A line cut to `width` columns, the last kept span ending in "…".
pub(crate) fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut out = vec![];
    let mut room = width;
    for span in line.spans {
        let w = span.width();
        if w < room {
            room -= w;
            out.push(span);
            continue;
        }
        out.push(Span::styled(cut(&span.content, room), span.style));
        break;
    }
    Line::from(out).style(line.style)
}

/// At most `height` of `lines`; when some are left out, the last one kept
/// ends in "…".
pub(crate) fn at_most(mut lines: Vec<Line<'static>>, height: u16) -> Vec<Line<'static>> {
    let height = usize::from(height);
    if lines.len() > height {
        lines.truncate(height);
        if let Some(last) = lines.pop() {
            let width = last.width();
            let mut spans = last.spans;
            spans.push(Span::raw("  "));
            lines.push(fit_line(Line::from(spans), width));
        }
    }
    lines
}

/// A column of a table: how wide its content would like to be, and
/// whether it may be left out altogether.
#[derive(Clone, Copy)]
pub(crate) struct Column {
    pub want: usize,
    pub optional: bool,
}

impl Column {
    /// As wide as the widest of `texts`, up to `cap`.
    pub(crate) fn measured<'a>(
        texts: impl Iterator<Item = &'a str>,
        cap: usize,
        optional: bool,
    ) -> Self {
        Self {
            want: texts
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0)
                .min(cap),
            optional,
        }
    }
}

/// Each column's width in `room` columns (one space between two), `None`
/// for a column left out. Optional columns go first, from the right; then
/// each `(column, floor)` of `shrink` gives up room, in that order, down
/// to its floor.
pub(crate) fn widths(
    columns: &[Column],
    shrink: &[(usize, usize)],
    room: usize,
) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = columns.iter().map(|c| Some(c.want)).collect();
    let over = |out: &[Option<usize>]| {
        let shown: Vec<usize> = out.iter().flatten().copied().collect();
        (shown.iter().sum::<usize>() + shown.len().saturating_sub(1)).saturating_sub(room)
    };
    for i in (0..columns.len()).rev() {
        if over(&out) == 0 {
            break;
        }
        if columns.get(i).is_some_and(|c| c.optional)
            && let Some(width) = out.get_mut(i)
        {
            *width = None;
        }
    }
    for &(i, floor) in shrink {
        let excess = over(&out);
        if excess == 0 {
            break;
        }
        if let Some(Some(width)) = out.get_mut(i) {
            *width = width.saturating_sub(excess).max(floor.min(*width));
        }
    }
    out
}

/// One row of styled cells laid out in `widths`: each cell fitted, then
/// padded, one space between two.
pub(crate) fn row_line(cells: Vec<(String, Style)>, widths: &[Option<usize>]) -> Line<'static> {
    let mut spans = vec![];
    for ((text, style), width) in cells.into_iter().zip(widths) {
        let Some(width) = *width else { continue };
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(pad(&text, width), style));
    }
    Line::from(spans)
}

/// `lines` in a bordered box, from line `scroll` on: each line fitted to
/// the box, and the bottom border saying how many lines are below (and ▲
/// when some are above). `true` when there is more than the box shows.
pub(crate) fn boxed(
    app: &App,
    lines: Vec<Line<'static>>,
    block: Block<'static>,
    scrolled: Scrolled,
    area: Rect,
    buf: &mut Buffer,
) -> bool {
    boxed_under(app, vec![], lines, block, scrolled, area, buf)
}

/// As [`boxed`], with `header` lines that stay at the top while the rest
/// scrolls under them (a table's column names).
pub(crate) fn boxed_under(
    app: &App,
    header: Vec<Line<'static>>,
    lines: Vec<Line<'static>>,
    block: Block<'static>,
    scrolled: Scrolled,
    area: Rect,
    buf: &mut Buffer,
) -> bool {
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let total = lines.len();
    let height = usize::from(inner.height).saturating_sub(header.len());
    // Scrolling stops once the last line shows; the room is kept for the
    // next key.
    let room = total.saturating_sub(height);
    let (offset, kept) = match scrolled {
        Scrolled::Fixed => (0, None),
        Scrolled::Main => (app.scroll, Some(&app.scroll_room)),
        Scrolled::Overlay => (app.overlay_scroll, Some(&app.overlay_room)),
    };
    if let Some(cell) = kept {
        cell.set(u16::try_from(room).unwrap_or(u16::MAX));
    }
    let scroll = usize::from(offset).min(room);
    let hidden = below(total, scroll, height);
    let shown: Vec<Line> = header
        .into_iter()
        .chain(lines.into_iter().skip(scroll).take(height))
        .map(|l| fit_line(l, width))
        .collect();
    let mut block = block;
    if hidden > 0 || scroll > 0 {
        let mut marks = String::new();
        if scroll > 0 {
            marks.push_str("▲ ");
        }
        if hidden > 0 {
            marks.push_str(
                &app.loc
                    .msg("wiz-more", &[("count", hidden.to_string().into())]),
            );
        }
        block = block.title_bottom(Line::from(format!(" {} ", marks.trim_end())).right_aligned());
    }
    Paragraph::new(shown).block(block).render(area, buf);
    total > height
}

/// Which scroll offset a box follows.
#[derive(Clone, Copy)]
pub(crate) enum Scrolled {
    /// None: the box shows its first lines.
    Fixed,
    /// The screen's (`↑↓` when no overlay is open).
    Main,
    /// The open overlay's.
    Overlay,
}

/// How many lines of `total` lie below a window of `height` lines that
/// starts at `scroll`.
pub(crate) fn below(total: usize, scroll: usize, height: usize) -> usize {
    total.saturating_sub(scroll.saturating_add(height))
}

/// `head` then `body`, wrapped to `width`, less one: the last column stays
/// blank, so a line that reaches it was cut (see the screens' test).
/// Lines break only at ordinary spaces, so French no-break spaces keep
/// « : ; ? ! » with their words; continuation lines start with `indent`.
pub(crate) fn wrap(
    head: &str,
    head_style: Style,
    body: &str,
    body_style: Style,
    width: u16,
    indent: &str,
) -> Vec<Line<'static>> {
    let text = glue_values(&format!("{head}{body}"));
    let options = textwrap::Options::new(usize::from(width.max(9) - 1))
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(&text, options)
        .into_iter()
        .map(|line| line.replace(GLUE, " "))
        .enumerate()
        .map(|(i, line)| match line.strip_prefix(head) {
            Some(rest) if i == 0 && !head.is_empty() => Line::from(vec![
                Span::styled(head.to_string(), head_style),
                Span::styled(rest.to_string(), body_style),
            ]),
            _ => Line::styled(line, body_style),
        })
        .collect()
}

/// Stands for a space inside a record value while the text is wrapped.
const GLUE: char = '\u{E000}';

/// `text` with the spaces of quoted record values (`"v=DMARC1; p=none"`,
/// `« v=spf1 mx -all »`) glued, so a value copied from the screen is
/// whole; they become spaces again once the lines are made.
fn glue_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match inside {
            Some(close) if c == close => inside = None,
            Some(_) if c == ' ' => {
                out.push(GLUE);
                continue;
            }
            Some(_) => {}
            None => {
                let close = match c {
                    '"' => Some('"'),
                    '«' => Some('»'),
                    _ => None,
                };
                if let Some(close) = close {
                    out.push(c);
                    // The French quote's own no-break space, then the value.
                    if close == '»' && chars.peek() == Some(&'\u{a0}') {
                        out.push('\u{a0}');
                        chars.next();
                    }
                    let rest: String = chars.clone().take(2).collect();
                    if rest == "v=" {
                        inside = Some(close);
                    }
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// A count of rows or columns as the terminal's unit, saturating.
pub(crate) fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_ends_in_an_ellipsis_and_keeps_to_its_width() {
        assert_eq!(fit("port 25", 7), "port 25");
        assert_eq!(fit("port 25", 6), "port …");
        assert_eq!(fit("例え.テスト", 5), "例え…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn a_record_value_is_never_broken_across_lines() {
        let text = |lines: Vec<Line>| -> Vec<String> {
            lines.iter().map(std::string::ToString::to_string).collect()
        };
        let fr = "par exemple «\u{a0}v=DMARC1; p=none\u{a0}» (n’ajoutez rien)";
        // Wide enough for the value (20 columns) and the last blank column.
        for width in 22..40 {
            let lines = text(wrap("", Style::new(), fr, Style::new(), width, ""));
            assert!(
                lines.iter().any(|l| l.contains("v=DMARC1; p=none\u{a0}»")),
                "{width}: {lines:?}"
            );
            assert!(lines.iter().all(|l| !l.contains(GLUE)), "{lines:?}");
        }
        let en = wrap(
            "",
            Style::new(),
            "for example \"v=spf1 mx -all\" here",
            Style::new(),
            20,
            "",
        );
        let en = text(en);
        assert!(
            en.iter().any(|l| l.trim() == "\"v=spf1 mx -all\""),
            "{en:?}"
        );
        // Other quotes break as usual.
        let plain = wrap("", Style::new(), "a \"b c d e f\" g", Style::new(), 9, "");
        assert!(plain.len() > 1);
    }

    #[test]
    fn optional_columns_go_before_any_column_shrinks() {
        let c = |want, optional| Column { want, optional };
        let cols = [c(5, false), c(30, false), c(20, true)];
        let shrink = [(1, 20), (0, 2), (1, 10)];
        assert_eq!(
            widths(&cols, &shrink, 60),
            vec![Some(5), Some(30), Some(20)]
        );
        assert_eq!(widths(&cols, &shrink, 40), vec![Some(5), Some(30), None]);
        assert_eq!(widths(&cols, &shrink, 25), vec![Some(4), Some(20), None]);
        assert_eq!(widths(&cols, &shrink, 20), vec![Some(2), Some(17), None]);
        assert_eq!(widths(&cols, &shrink, 5), vec![Some(2), Some(10), None]);
    }
}
