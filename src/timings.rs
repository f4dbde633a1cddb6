//! Phase timings for people tuning a large repository (and for us): with
//! `TOUCHPOINT_TIMINGS=1` in the environment, each pipeline phase prints how long it took
//! to standard error. Off, a phase costs one relaxed atomic load.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings were asked for (read once per process).
fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TOUCHPOINT_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `work`, printing `timing: NAME  12.3 ms  (peak so far 210 MB)` to standard error
/// when timings are on.
pub(crate) fn phase<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let started = Instant::now();
    let result = work();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match peak_memory_mb() {
        Some(mb) => eprintln!("timing: {name:<24} {ms:>8.1} ms  (peak so far {mb} MB)"),
        None => eprintln!("timing: {name:<24} {ms:>8.1} ms"),
    }
    result
}

/// The process's peak resident memory so far (Linux: `VmHWM` in `/proc/self/status`).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
