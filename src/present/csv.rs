//! CSV for spreadsheets: one row per finding, or one per domain (an
//! audit sheet: the four steps' states and the worst finding).

use std::borrow::Cow;

use super::words::Words;
use crate::judge::diagnosis::Diagnosis;
use crate::model::finding::Arg;

const HEADER: [&str; 7] = [
    "domain", "step", "code", "severity", "host", "address", "message",
];

const DOMAIN_HEADER: [&str; 8] = [
    "domain",
    "records",
    "proxy",
    "practices",
    "provider",
    "worst_code",
    "severity",
    "message",
];

/// The header row.
pub(crate) fn header() -> String {
    rows_text(std::iter::once(HEADER.map(Cow::Borrowed)))
}

/// The header row of the one-row-per-domain sheet.
pub(crate) fn domain_header() -> String {
    rows_text(std::iter::once(DOMAIN_HEADER.map(Cow::Borrowed)))
}

/// `d` on one row: each step's state, then its worst finding (empty
/// cells when nothing is wrong).
pub(crate) fn domain_row(d: &Diagnosis, words: &Words) -> String {
    let state = |n: usize| Cow::Borrowed(d.steps.get(n).map_or("", |s| s.state.id()));
    let worst = super::line::worst(d);
    rows_text(std::iter::once([
        Cow::Borrowed(d.evidence.target.ascii.as_str()),
        state(0),
        state(1),
        state(2),
        state(3),
        Cow::Borrowed(worst.map_or("", |f| f.code.id())),
        Cow::Borrowed(worst.map_or("", |f| f.severity.id())),
        Cow::Owned(worst.map(|f| words.line(f)).unwrap_or_default()),
    ]))
}

/// One row per finding of `d`.
pub fn render(d: &Diagnosis, words: &Words) -> String {
    let domain = d.evidence.target.ascii.as_str();
    rows_text(d.findings.iter().map(|f| {
        let arg = |key: &str| match f.args.get(key) {
            None => Cow::Borrowed(""),
            // Text as it is, with no formatting on the way.
            Some(Arg::Text(text)) => Cow::Borrowed(text.as_str()),
            Some(a) => Cow::Owned(a.to_string()),
        };
        [
            Cow::Borrowed(domain),
            Cow::Borrowed(f.step.id()),
            Cow::Borrowed(f.code.id()),
            Cow::Borrowed(f.severity.id()),
            arg("host"),
            arg("address"),
            Cow::Owned(words.line(f)),
        ]
    }))
}

fn rows_text<'a, const N: usize>(rows: impl Iterator<Item = [Cow<'a, str>; N]>) -> String {
    // A row or a few: the writer's own buffer need not be its default 8 KiB.
    let mut out = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(vec![]);
    for row in rows {
        // Writing into memory fails only on a bug; a row is then left out.
        let cells = row.each_ref().map(|c| defused(c));
        let _ = out.write_record(cells.iter().map(|c| c.as_bytes()));
    }
    // The cells are text: the bytes are kept as they are, not copied.
    out.into_inner()
        .map(|bytes| {
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
        .unwrap_or_default()
}

/// A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a
/// formula; DNS text must never run as one, so such a cell gets a leading
/// apostrophe, which spreadsheets show as text.
fn defused(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::defused;

    #[test]
    fn formulas_are_text() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("mail.example.com"), "mail.example.com");
    }
}
