//! `e`: the Markdown report into the current directory, and onto the
//! clipboard with OSC 52 so it can be pasted even over SSH.

use std::path::PathBuf;

use crossterm::clipboard::CopyToClipboard;

use crate::model::problem::Problem;
use crate::present::{Words, markdown};
use crate::tui::state::App;

/// Writes the report under a name no file has yet; returns where, and the text.
pub(crate) fn export(app: &App) -> Result<(PathBuf, String), Problem> {
    let Some(d) = &app.diagnosis else {
        return Err(Problem::new("wiz-export-wait"));
    };
    let words = Words {
        loc: &app.loc,
        brand: &app.brand,
    };
    let text = markdown::render(d, &words);
    let dir = std::env::current_dir()
        .map_err(|e| Problem::new("report-failed").arg("path", ".").io(&e))?;
    let stem = format!("mxdoctor-{}", d.evidence.target.ascii);
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        match crate::present::file::write_report(&path, &text, false) {
            Ok(()) => return Ok((path, text)),
            // Someone took the name meanwhile: try the next.
            Err(u) if u.id == "report-exists" => {}
            Err(u) => return Err(u),
        }
    }
    Err(Problem::new("report-exists").arg("path", dir.join(stem).display().to_string()))
}

pub(crate) fn copy_to_clipboard(text: &str) {
    // Best effort: many terminals ignore OSC 52, and the report is saved
    // in a file whatever they do.
    let _ = crossterm::execute!(std::io::stdout(), CopyToClipboard::to_clipboard_from(text));
}
