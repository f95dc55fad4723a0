//! Text from DNS and SMTP is untrusted: it may carry escape sequences that
//! would drive the terminal, or bidi controls that reorder what is shown.

use std::fmt::Write;

/// The most characters of outside text shown in any output: an API error,
/// a banner or a record longer than this ends in "…".
pub(crate) const MAX_SHOWN: usize = 1024;

/// Returns `text` with every control or bidi-override character replaced by a
/// visible escape (`\x1b`, `\u{202e}`), so it reads the same everywhere,
/// and cut to `MAX_SHOWN` characters, ending in "…" when it was.
pub(crate) fn clean(text: &str) -> String {
    // Nearly all of it is a name or an address: printable ASCII, short,
    // nothing to escape or cut, taken whole rather than a character at a
    // time.
    if text.len() < MAX_SHOWN && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.to_string();
    }
    escaped(text)
}

/// [`clean`] a character at a time.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SHOWN * 4));
    let mut shown = 0;
    for c in text.chars() {
        // An escape counts as the characters it shows.
        shown += if needs_escape(c) { 10 } else { 1 };
        if shown >= MAX_SHOWN {
            out.push('…');
            break;
        }
        if needs_escape(c) {
            let n = c as u32;
            // Writing into a String cannot fail.
            let _ = if n < 0x100 {
                write!(out, "\\x{n:02x}")
            } else {
                write!(out, "\\u{{{n:x}}}")
            };
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` could drive a terminal or reorder text: control
/// characters and bidi marks.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(clean("x\u{9b}31m"), "x\\x9b31m");
        assert_eq!(clean("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(clean("tab\there\r\n"), "tab\\x09here\\x0d\\x0a");
        assert_eq!(clean("plain ümlaut"), "plain ümlaut");
    }

    proptest::proptest! {
        /// Printable ASCII, the common case taken whole, around the cap:
        /// what the character-by-character reading gives.
        #[test]
        fn printable_text_is_taken_as_a_character_at_a_time_takes_it(
            text in "[ -~]{0,8}",
            repeat in 1000usize..1030,
            long in proptest::bool::ANY,
        ) {
            let text = if long { text.repeat(repeat / text.len().max(1)) } else { text };
            proptest::prop_assert_eq!(clean(&text), escaped(&text));
        }
    }

    /// Outside text is capped, by characters, never by bytes.
    #[test]
    fn caps_what_it_shows() {
        let long = "é".repeat(5000);
        let shown = clean(&long);
        assert!(shown.ends_with('…'));
        assert!(shown.chars().count() <= MAX_SHOWN);
        assert_eq!(clean(&"a".repeat(1000)), "a".repeat(1000));
        let escapes = clean(&"\u{1b}".repeat(5000));
        assert!(
            escapes.chars().count() <= MAX_SHOWN * 2,
            "{}",
            escapes.len()
        );
        assert!(escapes.ends_with('…'));
    }
}
