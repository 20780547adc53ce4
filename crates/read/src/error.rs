/// A failure to read (part of) an input; always names the input.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The input (or one record of it) could not be read or parsed.
    #[error("{input}: {message}")]
    Input { input: String, message: String },
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

    pub(crate) fn io(input: impl Into<String>, source: std::io::Error) -> Self {
        ReadError::Io {
            input: input.into(),
            source,
        }
    }

    /// The input the error is about.
    pub fn input(&self) -> &str {
        match self {
            ReadError::Input { input, .. } | ReadError::Io { input, .. } => input,
        }
    }
}
