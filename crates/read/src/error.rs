/// A failure to read (part of) an input; always names the input.
///
/// [`ReadError::Skipped`] is a warning, not a failure: something in the input was
/// deliberately not turned into an article (a feed item with only a title), and nothing
/// that was there is lost. Callers print it but do not count it as a read failure.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Part of the input was skipped on purpose; the rest was read.
    #[error("{input}: {message}")]
    Skipped { input: String, message: String },
    /// The input (or one record of it) could not be read or parsed.
    #[error("{input}: {message}")]
    Input { input: String, message: String },
    /// The input's container is unreadable (corrupt gzip, binary data).
    #[error("{input}: {source}")]
    Format {
        input: String,
        #[source]
        source: crate::format::FormatError,
    },
    /// A compressed input broken part-way: what came before the damage was read.
    #[error(
        "{input}: {source}: the stream breaks after {read} decompressed bytes; what came \
         before was read, the rest is lost"
    )]
    Truncated {
        input: String,
        read: usize,
        #[source]
        source: crate::format::FormatError,
    },
    /// An I/O error while reading the input.
    #[error("{input}: {source}")]
    Io {
        input: String,
        #[source]
        source: std::io::Error,
    },
}

impl ReadError {
    pub(crate) fn new(input: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError::Input {
            input: input.into(),
            message: message.into(),
        }
    }

    pub(crate) fn skipped(input: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError::Skipped {
            input: input.into(),
            message: message.into(),
        }
    }

    /// Whether this is a warning (something skipped on purpose) rather than input lost.
    pub fn is_warning(&self) -> bool {
        matches!(self, ReadError::Skipped { .. })
    }

    pub(crate) fn format(input: impl Into<String>, source: crate::format::FormatError) -> Self {
        ReadError::Format {
            input: input.into(),
            source,
        }
    }

    pub(crate) fn io(input: impl Into<String>, source: std::io::Error) -> Self {
        ReadError::Io {
            input: input.into(),
            source,
        }
    }

    /// The input the error is about.
    pub fn input(&self) -> &str {
        match self {
            ReadError::Input { input, .. }
            | ReadError::Skipped { input, .. }
            | ReadError::Format { input, .. }
            | ReadError::Truncated { input, .. }
            | ReadError::Io { input, .. } => input,
        }
    }
}
