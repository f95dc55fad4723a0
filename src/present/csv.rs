//! CSV for spreadsheets: one row per finding, or one per domain (an
//! audit sheet: the four steps' states and the worst finding).

use super::words::Words;
use crate::judge::diagnosis::Diagnosis;

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
    rows_text(std::iter::once(HEADER.map(String::from)))
}

/// The header row of the one-row-per-domain sheet.
pub(crate) fn domain_header() -> String {
    rows_text(std::iter::once(DOMAIN_HEADER.map(String::from)))
}

/// `d` on one row: each step's state, then its worst finding (empty
/// cells when nothing is wrong).
pub(crate) fn domain_row(d: &Diagnosis, words: &Words) -> String {
    let state = |n: usize| {
        d.steps
            .get(n)
            .map(|s| s.state.id().to_string())
            .unwrap_or_default()
    };
    let worst = super::line::worst(d);
    rows_text(std::iter::once([
        d.evidence.target.ascii.clone(),
        state(0),
        state(1),
        state(2),
        state(3),
        worst.map(|f| f.code.id().to_string()).unwrap_or_default(),
        worst
            .map(|f| f.severity.id().to_string())
            .unwrap_or_default(),
        worst.map(|f| words.line(f)).unwrap_or_default(),
    ]))
}

/// One row per finding of `d`.
pub fn render(d: &Diagnosis, words: &Words) -> String {
    let domain = d.evidence.target.ascii.clone();
    rows_text(d.findings.iter().map(|f| {
        let arg = |key: &str| f.args.get(key).map(ToString::to_string).unwrap_or_default();
        [
            domain.clone(),
            f.step.id().to_string(),
            f.code.id().to_string(),
            f.severity.id().to_string(),
            arg("host"),
            arg("address"),
            words.line(f),
        ]
    }))
}

fn rows_text<const N: usize>(rows: impl Iterator<Item = [String; N]>) -> String {
    let mut out = csv::Writer::from_writer(vec![]);
    for row in rows {
        // Writing into memory fails only on a bug; a row is then left out.
        let _ = out.write_record(row.iter().map(|c| defused(c)));
    }
    out.into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a
/// formula; DNS text must never run as one, so such a cell gets a leading
/// apostrophe, which spreadsheets show as text.
fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
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
