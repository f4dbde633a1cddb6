//! Third-party readers on bytes from outside: a panic inside them becomes an error.
//!
//! Spreadsheets and archives come from networks' exports and from users' calendars, and
//! the readers Touchpoint relies on for them (calamine for `.xls`/`.xlsx`/`.ods`) still
//! index out of bounds on some damaged files (fuzzing found a compound-file header that
//! does so in calamine 0.38). Touchpoint promises a clear error, never a panic, so each
//! such call runs inside [`contain`], which turns an unwinding panic into `Err` and keeps
//! the panic's message off the terminal: the caller reports the file instead.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a contained call, so the panic hook stays silent.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`; a panic inside it becomes `Err` with the panic's message.
///
/// The default panic hook still reports panics anywhere else (they are bugs in Touchpoint
/// and must be seen); only those inside `read` are silenced.
pub(crate) fn contain<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    let outer = CONTAINING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINING.with(|c| c.set(outer));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the reader stopped".to_owned())
    })
}

/// Wraps the current panic hook once so that contained panics print nothing.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::contain;

    #[test]
    fn a_panic_inside_becomes_an_error_with_its_message() {
        let result: Result<(), String> = contain(|| panic!("slice index starts at 4096"));
        assert_eq!(result, Err("slice index starts at 4096".to_owned()));
    }

    #[test]
    fn a_value_passes_through_and_nesting_restores_the_flag() {
        assert_eq!(contain(|| contain(|| 7)), Ok(Ok(7)));
        assert!(!super::CONTAINING.with(std::cell::Cell::get));
    }
}
