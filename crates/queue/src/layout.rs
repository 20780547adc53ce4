//! The queue's layout on the server and of its messages. A stream that exists with
//! another layout (another producer's stream under our name, an older version) is
//! refused rather than used: its messages would be misread or lost.

use newsgraph_read::Format;
use std::time::Duration;

/// Stream of inputs to analyse: work-queue retention (a message goes when a worker
/// acknowledges it), file storage (survives a server restart).
pub const INPUTS_STREAM: &str = "NEWSGRAPH_INPUTS";
pub const INPUTS_SUBJECT: &str = "newsgraph.inputs";
/// Stream of inputs that failed `max_failures` times, with their error; kept until
/// someone looks (`newsgraph queue status` lists them).
pub const DEAD_STREAM: &str = "NEWSGRAPH_DEAD";
pub const DEAD_SUBJECT: &str = "newsgraph.dead";
/// The durable pull consumer every worker shares (each message goes to one worker).
pub const CONSUMER: &str = "newsgraph-workers";
/// In each stream's description: the message layout version it carries.
pub const INPUTS_DESCRIPTION: &str = "newsgraph inputs, message layout 1";
pub const DEAD_DESCRIPTION: &str = "newsgraph dead letters, message layout 1";

/// Headers of an input message (the payload is the raw input bytes).
pub const H_LAYOUT: &str = "Newsgraph-Layout";
pub const H_SOURCE: &str = "Newsgraph-Source";
pub const H_FORMAT: &str = "Newsgraph-Format";
pub const H_PUBLISHED: &str = "Newsgraph-Published";
/// On an input too large to publish whole: why (its size and the limit); the payload
/// is then only its first `OVERSIZE_HEAD` bytes, and a worker dead-letters it unread.
pub const H_OVERSIZE: &str = "Newsgraph-Oversize";
/// Added on a dead letter.
pub const H_ERROR: &str = "Newsgraph-Error";
pub const H_DELIVERIES: &str = "Newsgraph-Deliveries";
pub const LAYOUT_VERSION: &str = "1";

/// How long a delivered message may stay unacknowledged before the server gives it to
/// another worker (a worker killed mid-batch): the default of `--ack-wait`.
pub const DEFAULT_ACK_WAIT: Duration = Duration::from_secs(30);

/// The largest input published whole. nats-server's file store (2.9 and 2.10) reads a
/// stored record over 32 MiB back as corrupt and skips it ("malformed or corrupt
/// message"): such a message would be lost without a trace. Larger inputs are
/// published as their head with `Newsgraph-Oversize` and end in the dead letters.
pub const MAX_STORED_INPUT: usize = 30 * 1024 * 1024;
/// What an oversize input's message keeps of it (for whoever reads the dead letter).
pub const OVERSIZE_HEAD: usize = 64 * 1024;

/// One raw input as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputMessage {
    /// Source name: the path or URL it was read from (sniffing by extension, origin).
    pub source: String,
    pub format: Option<Format>,
    pub published: Option<String>,
    pub bytes: Vec<u8>,
    /// Set when the input was too large to publish whole: why; `bytes` is its head.
    pub oversize: Option<String>,
}

impl InputMessage {
    pub fn headers(&self) -> async_nats::HeaderMap {
        let mut h = async_nats::HeaderMap::new();
        h.insert(H_LAYOUT, LAYOUT_VERSION);
        h.insert(H_SOURCE, header_safe(&self.source).as_str());
        if let Some(f) = self.format {
            h.insert(H_FORMAT, format_name(f));
        }
        if let Some(p) = &self.published {
            h.insert(H_PUBLISHED, header_safe(p).as_str());
        }
        if let Some(o) = &self.oversize {
            h.insert(H_OVERSIZE, header_safe(o).as_str());
        }
        // Server-side dedup of a producer's retries (within the stream's window).
        h.insert("Nats-Msg-Id", self.dedup_id().as_str());
        h
    }

    /// Hash of everything the message carries.
    pub fn dedup_id(&self) -> String {
        let mut h = sha1_smol::Sha1::new();
        h.update(self.source.as_bytes());
        h.update(&[0]);
        h.update(self.published.as_deref().unwrap_or("").as_bytes());
        h.update(&[0]);
        h.update(self.format.map(format_name).unwrap_or("").as_bytes());
        h.update(&[0]);
        h.update(&self.bytes);
        h.update(&[0]);
        h.update(self.oversize.as_deref().unwrap_or("").as_bytes());
        h.digest().to_string()
    }

    /// The message to publish when the server takes at most `limit` bytes: this one,
    /// or for a larger input its head, marked with why it is not whole.
    pub fn fitted(&self, limit: usize, server: &str) -> std::borrow::Cow<'_, InputMessage> {
        let limit = limit.min(MAX_STORED_INPUT);
        if self.bytes.len() <= limit {
            return std::borrow::Cow::Borrowed(self);
        }
        let why = if limit == MAX_STORED_INPUT {
            "JetStream file storage"
        } else {
            "the NATS server's max_payload: raise it in its configuration"
        };
        std::borrow::Cow::Owned(InputMessage {
            oversize: Some(format!(
                "{:.1} MB is over the queue's input limit of {:.1} MB ({why}, {server}); ingest it without --queue",
                self.bytes.len() as f64 / 1e6,
                limit as f64 / 1e6
            )),
            bytes: self.bytes[..OVERSIZE_HEAD.min(self.bytes.len())].to_vec(),
            ..self.clone()
        })
    }

    /// Reads a delivered message back; `Err` says why it is not one of ours.
    pub fn decode(headers: Option<&async_nats::HeaderMap>, payload: &[u8]) -> Result<Self, String> {
        let get = |k: &str| {
            headers
                .and_then(|h| h.get(k))
                .map(|v| v.as_str().to_string())
        };
        match get(H_LAYOUT) {
            Some(v) if v == LAYOUT_VERSION => {}
            Some(v) => {
                return Err(format!(
                    "message layout {v}, this build reads {LAYOUT_VERSION}"
                ))
            }
            None => return Err(format!("not a newsgraph input (no {H_LAYOUT} header)")),
        }
        let source = get(H_SOURCE).unwrap_or_else(|| "<queue>".into());
        let format = match get(H_FORMAT) {
            Some(f) => Some(
                f.parse::<Format>()
                    .map_err(|e| format!("{source}: {H_FORMAT} {f:?}: {e}"))?,
            ),
            None => None,
        };
        Ok(InputMessage {
            source,
            format,
            published: get(H_PUBLISHED),
            bytes: payload.to_vec(),
            oversize: get(H_OVERSIZE),
        })
    }
}

/// The name `--input-format` takes for a format.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Text => "text",
        Format::Html => "html",
        Format::Feed => "feed",
        Format::Warc => "warc",
        Format::Jsonl => "jsonl",
    }
}

/// Header values cannot hold line breaks.
pub fn header_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect()
}
