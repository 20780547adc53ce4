//! Writing to the terminal without panicking: every command prints through these, so
//! `newsgraph … | head` and `newsgraph … 2>&1 | head -c 100` end quietly when the
//! reader closes the pipe (`println!` panics on EPIPE; Rust ignores SIGPIPE, so a
//! closed pipe shows up as a write error, not a signal).
//!
//! - [`note!`]: a message on stderr (`newsgraph: …`); a closed stderr is ignored.
//! - [`errln!`]: a line on stderr as it is (listings of misses), same rule.
//! - [`out!`]: a line on stdout for reports (eval tables); a closed stdout ends the
//!   process quietly with exit code 0, the reader having taken all it wanted.
//! - [`is_broken_pipe`]: whether an error from a streaming writer (records on stdout)
//!   is the closed pipe, so the command stops cleanly instead of reporting it.

use std::io::Write;

/// Writes a `newsgraph: ` message line to stderr, ignoring a closed stderr.
pub fn note_line(args: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(b"newsgraph: ")
        .and_then(|_| err.write_fmt(args))
        .and_then(|_| err.write_all(b"\n"));
}

/// Writes a line as it is to stderr (diagnostic listings), ignoring a closed stderr.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|_| err.write_all(b"\n"));
}

/// Writes a line to stdout; exits quietly (code 0) when stdout is a closed pipe.
pub fn out_line(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            note_line(format_args!("error: writing to stdout: {e}"));
            std::process::exit(1)
        }
    }
}

/// Whether `e` (or any error in its chain) is a write to a closed pipe, including one
/// wrapped by `serde_json` while serialising a record.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// An error and its causes on one line, each said once: a cause whose text the line
/// already holds (a library error that prints its source and also returns it as
/// `source()`) is not repeated.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if line.contains(&c) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&c);
    }
    line
}

/// A `newsgraph: …` line on stderr that never panics (see the module doc).
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => { $crate::output::note_line(format_args!($($arg)*)) };
}

/// A line on stderr without the `newsgraph:` prefix, that never panics.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::err_line(format_args!($($arg)*)) };
}

/// A line on stdout that ends the process quietly on a closed pipe.
#[macro_export]
macro_rules! out {
    () => { $crate::output::out_line(format_args!("")) };
    ($($arg:tt)*) => { $crate::output::out_line(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_through_serde_and_context() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let e = serde_json::to_writer(Closed, &vec![1, 2, 3]).unwrap_err();
        let e = anyhow::Error::from(e).context("writing the output");
        assert!(is_broken_pipe(&e));
        let other = anyhow::anyhow!("disk full").context("writing the output");
        assert!(!is_broken_pipe(&other));
    }

    #[test]
    fn each_cause_is_said_once() {
        #[derive(Debug)]
        struct Wrapping(std::io::Error);
        impl std::fmt::Display for Wrapping {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
        impl std::error::Error for Wrapping {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let io = std::io::Error::from_raw_os_error(17);
        let e = anyhow::Error::new(Wrapping(io)).context("creating /tmp/x");
        let text = error_text(&e);
        assert_eq!(text.matches("os error 17").count(), 1, "{text}");
        assert!(text.starts_with("creating /tmp/x: "), "{text}");
    }
}
