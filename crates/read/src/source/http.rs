//! HTTP(S) URLs, fetched with `ureq`: global timeout, redirects followed (up to 5),
//! a body size cap, our own user agent, and a clear error per failed URL.

use crate::{ReadError, ReadOptions};
#[cfg(feature = "http")]
use std::time::Duration;

#[cfg(feature = "http")]
const USER_AGENT: &str = concat!("newsgraph/", env!("CARGO_PKG_VERSION"), " (+news reader)");

#[cfg(feature = "http")]
pub(crate) fn fetch(url: &str, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(opts.http_timeout_secs.max(1))))
        .max_redirects(5)
        .user_agent(USER_AGENT)
        .http_status_as_error(true)
        .build()
        .into();
    let resp = agent
        .get(url)
        .call()
        .map_err(|e| ReadError::new(url, format!("fetch failed: {e}")))?;
    let mut body = resp.into_body();
    body.with_config()
        .limit(opts.max_bytes as u64)
        .read_to_vec()
        .map_err(|e| ReadError::new(url, format!("reading the response: {e}")))
}

/// Built without the `http` feature: a URL is an error naming it.
#[cfg(not(feature = "http"))]
pub(crate) fn fetch(url: &str, _opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    Err(ReadError::new(
        url,
        "URL inputs need newsgraph-read's `http` feature (this build has none)",
    ))
}
