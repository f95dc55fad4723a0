//! The system's trust store, read where rustls-native-certs reads it:
//! `SSL_CERT_FILE` and `SSL_CERT_DIR` when either is set, and nothing else
//! then; otherwise the file and directories OpenSSL uses (`openssl-probe`).
//! Its PEM is decoded with the `base64` crate: rustls-pki-types' decoder,
//! written for secrets, took 0.8 ms of CPU for a bundle of 145 roots, and
//! the STARTTLS probe waits for the store.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls::pki_types::CertificateDer;

/// A store file larger than this is read up to here: the system's bundle
/// is a few hundred kilobytes.
const MAX_FILE: u64 = 16 * 1024 * 1024;
/// Files read from one directory, at most: the system's holds a few
/// hundred.
const MAX_ENTRIES: usize = 10_000;

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// Every certificate of the store, each once. What cannot be read or
/// decoded is left out: a store partly unreadable still holds the rest.
pub(crate) fn system() -> Vec<CertificateDer<'static>> {
    let (file, dirs) = places(
        std::env::var_os("SSL_CERT_FILE"),
        std::env::var_os("SSL_CERT_DIR"),
    );
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut out = vec![];
    if let Some(file) = file {
        if let Ok(meta) = fs::metadata(&file) {
            seen.insert((meta.dev(), meta.ino()));
        }
        read_pem_file(&file, &mut out);
    }
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten().take(MAX_ENTRIES) {
            let path = entry.path();
            // Through a link, to a regular file, once: the directory's
            // hashed names link to files the bundle may hold already.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() && seen.insert((meta.dev(), meta.ino())) => {
                    read_pem_file(&path, &mut out);
                }
                _ => {}
            }
        }
    }
    out.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
    out.dedup();
    out
}

/// The file and directories to read, as rustls-native-certs chooses them.
fn places(file: Option<OsString>, dir: Option<OsString>) -> (Option<PathBuf>, Vec<PathBuf>) {
    let file = file.map(PathBuf::from);
    let dirs: Vec<PathBuf> = dir
        .map(|d| {
            std::env::split_paths(&d)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    if file.is_some() || !dirs.is_empty() {
        return (file, dirs);
    }
    let probed = openssl_probe::probe();
    (probed.cert_file, probed.cert_dir)
}

fn read_pem_file(path: &Path, out: &mut Vec<CertificateDer<'static>>) {
    let Ok(file) = fs::File::open(path) else {
        return;
    };
    // A regular file only: a device would be read for nothing. Sized
    // once: grown by doubling, the bundle was copied and faulted in twice
    // over.
    let size = match file.metadata() {
        Ok(meta) if meta.is_file() => meta.len().min(MAX_FILE),
        _ => return,
    };
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    if file.take(MAX_FILE).read_to_end(&mut bytes).is_ok() {
        out.extend(certificates(&bytes));
    }
}

/// The `CERTIFICATE` sections of PEM text (RFC 7468 §2), decoded; a
/// section that does not decode is skipped, as is anything between them.
/// Read as bytes, a line at a time: the text is ASCII where it matters.
/// The lines are found with `memchr`: split a byte at a time, a bundle of
/// 145 roots took longer to cut into lines than to decode.
pub fn certificates(bytes: &[u8]) -> Vec<CertificateDer<'static>> {
    let mut out = vec![];
    let mut body: Option<Vec<u8>> = None;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line = bytes.get(start..end).unwrap_or_default().trim_ascii();
        start = end + 1;
        match &mut body {
            None if line == BEGIN.as_bytes() => body = Some(Vec::with_capacity(4096)),
            None => {}
            Some(b64) if line == END.as_bytes() => {
                if let Ok(der) = STANDARD.decode(&b64) {
                    out.push(CertificateDer::from(der));
                }
                body = None;
            }
            Some(b64) => b64.extend_from_slice(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{certificates, places};
    use proptest::prelude::*;
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    fn theirs(text: &str) -> Vec<CertificateDer<'static>> {
        CertificateDer::pem_slice_iter(text.as_bytes())
            .filter_map(Result::ok)
            .collect()
    }

    fn section(der: &[u8], crlf: bool) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut s = format!("-----BEGIN CERTIFICATE-----{nl}");
        for chunk in b64.as_bytes().chunks(64) {
            s.push_str(std::str::from_utf8(chunk).unwrap());
            s.push_str(nl);
        }
        s.push_str("-----END CERTIFICATE-----");
        s.push_str(nl);
        s
    }

    proptest! {
        /// Bundles as stores write them (comments and other sections
        /// between certificates, either line ending): the same
        /// certificates, in the same order, as rustls-pki-types reads.
        #[test]
        fn a_bundle_reads_as_pki_types_reads_it(
            parts in prop::collection::vec(
                (prop::collection::vec(any::<u8>(), 1..300), any::<bool>(), "[# a-zA-Z0-9]{0,40}"),
                0..8,
            ),
        ) {
            let mut text = String::new();
            for (der, crlf, comment) in &parts {
                text.push_str(comment);
                text.push('\n');
                if *crlf {
                    text.push_str("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
                }
                text.push_str(&section(der, *crlf));
            }
            let ours = certificates(text.as_bytes());
            prop_assert_eq!(ours.len(), parts.len());
            prop_assert_eq!(ours, theirs(&text));
        }

        /// Any bytes: never a panic, and nothing that is not a whole
        /// section.
        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = certificates(&bytes);
        }

        /// Lines of markers, base64, blanks and bytes of any kind, with
        /// either ending or none at the end: the same certificates as
        /// when the text is cut a byte at a time.
        #[test]
        fn the_lines_are_those_a_byte_by_byte_cut_finds(
            lines in prop::collection::vec(
                (
                    prop_oneof![
                        Just(b"-----BEGIN CERTIFICATE-----".to_vec()),
                        Just(b"-----END CERTIFICATE-----".to_vec()),
                        Just(b"  -----BEGIN CERTIFICATE-----\t".to_vec()),
                        Just(b"MAMCAQU=".to_vec()),
                        Just(b"MAMC".to_vec()),
                        Just(b"AQU=".to_vec()),
                        Just(vec![]),
                        prop::collection::vec(any::<u8>(), 0..12),
                    ],
                    prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b""[..])],
                ),
                0..24,
            ),
        ) {
            let text: Vec<u8> = lines.iter().flat_map(|(l, end)| [&l[..], end].concat()).collect();
            prop_assert_eq!(certificates(&text), cut_byte_by_byte(&text));
        }
    }

    /// The reading as it was: the text split a byte at a time.
    fn cut_byte_by_byte(bytes: &[u8]) -> Vec<CertificateDer<'static>> {
        use base64::Engine;
        let (begin, end) = (super::BEGIN.as_bytes(), super::END.as_bytes());
        let mut out = vec![];
        let mut body: Option<Vec<u8>> = None;
        for line in bytes.split(|b| *b == b'\n') {
            let line = line.trim_ascii();
            match &mut body {
                None if line == begin => body = Some(vec![]),
                None => {}
                Some(b64) if line == end => {
                    if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&b64) {
                        out.push(CertificateDer::from(der));
                    }
                    body = None;
                }
                Some(b64) => b64.extend_from_slice(line),
            }
        }
        out
    }

    #[test]
    fn a_section_that_does_not_decode_is_skipped() {
        let text = format!(
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n{}",
            section(b"\x30\x03\x02\x01\x05", false)
        );
        assert_eq!(certificates(text.as_bytes()).len(), 1);
        assert!(certificates(b"-----BEGIN CERTIFICATE-----\nMAMCAQU=\n").is_empty());
    }

    #[test]
    fn a_device_is_not_read() {
        let mut out = vec![];
        super::read_pem_file(std::path::Path::new("/dev/zero"), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn the_variables_when_set_and_only_them() {
        let (file, dirs) = places(Some("/a/b.pem".into()), Some(":/c::/d".into()));
        assert_eq!(file.as_deref(), Some(std::path::Path::new("/a/b.pem")));
        assert_eq!(dirs, vec![std::path::PathBuf::from("/c"), "/d".into()]);
        let (file, dirs) = places(None, Some("/c".into()));
        assert!(file.is_none());
        assert_eq!(dirs.len(), 1);
    }
}
