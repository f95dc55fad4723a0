//! Domains to check, from the arguments, standard input (`-`) and files
//! (`--from`), one per line: read as they come, each sent once.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::sync::mpsc::Sender;

use crate::cli::files;
use crate::model::problem::Problem;
use crate::model::target::{self, Target};

/// A line longer than this is no domain, whatever it holds.
const MAX_LINE: u64 = 4096;

/// Where a line came from, to say where a bad one is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Argument,
    Stdin,
    File(Arc<PathBuf>),
}

#[derive(Debug)]
pub(crate) enum Item {
    Domain(Target),
    /// A line that is not a domain: skipped, and said.
    Bad {
        origin: Origin,
        line: usize,
        problem: Problem,
    },
}

/// Whether the arguments and files name more than one domain, or may:
/// then the output is a stream, with progress and a summary.
pub(crate) fn is_batch(args: &[String], from: &[PathBuf]) -> bool {
    args.len() != 1 || args.iter().any(|a| a == "-") || !from.is_empty()
}

/// Sends every domain of `args` (where `-` is standard input) then of
/// `from`, in order, each once. Stops early when the receiver is gone.
pub(crate) async fn feed(args: Vec<String>, from: Vec<PathBuf>, tx: Sender<Item>) {
    let mut seen = Seen::default();
    for (n, arg) in args.into_iter().enumerate() {
        let more = if arg == "-" {
            let stdin = BufReader::new(tokio::io::stdin());
            read_lines(stdin, &Origin::Stdin, &mut seen, &tx).await
        } else {
            send(&arg, &Origin::Argument, n + 1, &mut seen, &tx).await
        };
        if !more {
            return;
        }
    }
    for path in from {
        let origin = Origin::File(Arc::new(path.clone()));
        let file = match files::open_regular(&path) {
            Ok(f) => tokio::fs::File::from_std(f),
            Err(e) => {
                let problem = super::settings::from_problem(&path, e);
                if tx
                    .send(Item::Bad {
                        origin,
                        line: 0,
                        problem,
                    })
                    .await
                    .is_err()
                {
                    return;
                }
                continue;
            }
        };
        if !read_lines(BufReader::new(file), &origin, &mut seen, &tx).await {
            return;
        }
    }
}

/// Each line of `reader`; `false` when the receiver is gone.
async fn read_lines<R: AsyncBufRead + Unpin>(
    mut reader: R,
    origin: &Origin,
    seen: &mut Seen,
    tx: &Sender<Item>,
) -> bool {
    let mut number = 0;
    loop {
        number += 1;
        let mut bytes = Vec::new();
        let read = (&mut reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut bytes)
            .await;
        let problem = match read {
            Ok(0) => return true,
            Err(e) => {
                let problem = Problem::new("input-unreadable").io(&e);
                let bad = Item::Bad {
                    origin: origin.clone(),
                    line: number,
                    problem,
                };
                let _ = tx.send(bad).await;
                return true;
            }
            Ok(_) if bytes.len() as u64 > MAX_LINE => {
                // Skip the rest of the line, whatever its length.
                if skip_line(&mut reader).await.is_err() {
                    return true;
                }
                Some(Problem::new("input-line-too-long"))
            }
            Ok(_) => None,
        };
        let sent = match (problem, std::str::from_utf8(&bytes)) {
            (Some(problem), _) => bad(origin, number, problem, tx).await,
            (None, Err(_)) => bad(origin, number, Problem::new("input-not-text"), tx).await,
            (None, Ok(text)) => {
                let text = text.trim_end_matches(['\n', '\r']).trim();
                if text.is_empty() || text.starts_with('#') {
                    continue;
                }
                send(text, origin, number, seen, tx).await
            }
        };
        if !sent {
            return false;
        }
    }
}

async fn skip_line<R: AsyncBufRead + Unpin>(reader: &mut R) -> std::io::Result<()> {
    loop {
        let mut chunk = Vec::new();
        let n = (&mut *reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut chunk)
            .await?;
        if n == 0 || chunk.ends_with(b"\n") {
            return Ok(());
        }
    }
}

async fn bad(origin: &Origin, line: usize, problem: Problem, tx: &Sender<Item>) -> bool {
    let item = Item::Bad {
        origin: origin.clone(),
        line,
        problem,
    };
    tx.send(item).await.is_ok()
}

/// The domains sent so far, by a keyed 64-bit hash rather than by name: a
/// list of millions keeps 16 bytes a domain, not the name. Two distinct
/// names sharing a hash (about one chance in 10^8 for a million) would
/// drop the second.
#[derive(Default)]
struct Seen {
    hasher: std::hash::RandomState,
    hashes: HashSet<u64>,
}

impl Seen {
    /// Whether `name` comes for the first time.
    fn first(&mut self, name: &str) -> bool {
        use std::hash::BuildHasher;
        self.hashes.insert(self.hasher.hash_one(name))
    }
}

/// Parses `text` and sends the domain, unless it was sent already.
async fn send(
    text: &str,
    origin: &Origin,
    line: usize,
    seen: &mut Seen,
    tx: &Sender<Item>,
) -> bool {
    match target::parse_domain(text) {
        Ok(t) if !seen.first(&t.ascii) => true,
        Ok(t) => tx.send(Item::Domain(t)).await.is_ok(),
        Err(problem) => bad(origin, line, problem, tx).await,
    }
}
