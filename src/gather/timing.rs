//! How long things took, as the evidence records it.

use std::time::Instant;

/// Milliseconds since `start`; a run long enough to overflow says so as
/// the largest value rather than wrapping.
pub(super) fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}
