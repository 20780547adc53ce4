//! What guards the server's write requests (registry corrections).
//!
//! The server is read-only unless it was started with a write token. Every write
//! carries that token: the API in `Authorization: Bearer <token>`, the UI's forms in a
//! `token` field the analyst types (the page script remembers it for the tab). A
//! cross-site page cannot know the token, so a forged form post fails on it whatever
//! cookies the browser holds (there are none): the forms are CSRF-safe by construction.
//! As a second line, a form post the browser marks as coming from another site
//! (`Sec-Fetch-Site`, or an `Origin` naming another host) is refused before the token
//! is looked at.

use crate::RequestError;
use axum::http::{header, HeaderMap};

/// Shortest token `serve --write-token` accepts: a short secret is guessable.
pub const MIN_TOKEN_LEN: usize = 16;

/// The secret that authorises writes. `Debug` never prints it.
#[derive(Clone)]
pub struct WriteToken(String);

impl std::fmt::Debug for WriteToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WriteToken(…)")
    }
}

/// Why a token was not accepted at start.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the write token must be at least {MIN_TOKEN_LEN} characters (got {0})")]
    TooShort(usize),
    #[error("the write token must be printable ASCII without spaces (it travels in a header)")]
    NotPrintable,
    #[error("generating a write token: {0}")]
    Random(String),
}

impl WriteToken {
    pub fn new(s: &str) -> Result<Self, TokenError> {
        let s = s.trim();
        if !s.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(TokenError::NotPrintable);
        }
        if s.len() < MIN_TOKEN_LEN {
            return Err(TokenError::TooShort(s.len()));
        }
        Ok(WriteToken(s.to_string()))
    }

    /// A fresh token: 24 random bytes from the operating system, hex-encoded.
    pub fn generate() -> Result<Self, TokenError> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|e| TokenError::Random(e.to_string()))?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(WriteToken(hex))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compares in time independent of where the first difference is.
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.trim().as_bytes());
        let mut diff = a.len() ^ b.len();
        for (i, x) in a.iter().enumerate() {
            diff |= (x ^ b.get(i).copied().unwrap_or(0)) as usize;
        }
        diff == 0
    }
}

fn read_only() -> RequestError {
    RequestError::Forbidden(
        "this server is read-only: start `newsgraph serve` with --write-token (or \
         --generate-write-token) to allow registry corrections"
            .into(),
    )
}

/// An API write: `Authorization: Bearer <token>`.
pub fn authorize_api(token: Option<&WriteToken>, headers: &HeaderMap) -> Result<(), RequestError> {
    let token = token.ok_or_else(read_only)?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.trim()
                .strip_prefix("Bearer ")
                .or_else(|| v.trim().strip_prefix("bearer "))
        });
    match given {
        None => Err(RequestError::Unauthorized(
            "a write needs the header `Authorization: Bearer <write token>`".into(),
        )),
        Some(g) if token.matches(g) => Ok(()),
        Some(_) => Err(RequestError::Unauthorized(
            "the write token does not match".into(),
        )),
    }
}

/// A form post of the UI: same site, and the token in the form's `token` field.
pub fn authorize_form(
    token: Option<&WriteToken>,
    headers: &HeaderMap,
    given: &str,
) -> Result<(), RequestError> {
    let token = token.ok_or_else(read_only)?;
    same_origin(headers)?;
    if given.trim().is_empty() {
        return Err(RequestError::Unauthorized(
            "a correction needs the server's write token (the field “Write token”)".into(),
        ));
    }
    if !token.matches(given) {
        return Err(RequestError::Unauthorized(
            "the write token does not match".into(),
        ));
    }
    Ok(())
}

/// Refuses a request the browser says comes from another site. Browsers send
/// `Sec-Fetch-Site` to trustworthy origins (https, localhost); `Origin` is `null`
/// on our own form posts (the pages' `Referrer-Policy: no-referrer`), so only an
/// `Origin` naming another host is refused.
fn same_origin(headers: &HeaderMap) -> Result<(), RequestError> {
    let get = |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(site) = get("sec-fetch-site") {
        if site != "same-origin" && site != "none" {
            return Err(RequestError::Forbidden(format!(
                "a correction must be posted from this server's own pages (Sec-Fetch-Site: {site})"
            )));
        }
    }
    if let (Some(origin), Some(host)) = (get("origin"), get("host")) {
        if origin != "null" {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            if !origin_host.eq_ignore_ascii_case(host) {
                return Err(RequestError::Forbidden(format!(
                    "a correction must be posted from this server's own pages (Origin: {origin})"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn tokens_are_checked_and_compared_whole() {
        assert!(matches!(
            WriteToken::new("short"),
            Err(TokenError::TooShort(5))
        ));
        assert!(matches!(
            WriteToken::new("has a space in it ok"),
            Err(TokenError::NotPrintable)
        ));
        let t = WriteToken::new("0123456789abcdef").unwrap();
        assert!(t.matches("0123456789abcdef"));
        assert!(!t.matches("0123456789abcde"));
        assert!(!t.matches("0123456789abcdefg"));
        assert!(!t.matches(""));
        assert!(!format!("{t:?}").contains("0123"));
        let g = WriteToken::generate().unwrap();
        assert_eq!(g.as_str().len(), 48);
        assert_ne!(g.as_str(), WriteToken::generate().unwrap().as_str());
    }

    #[test]
    fn api_writes_need_the_bearer_token() {
        let t = WriteToken::new("0123456789abcdef").unwrap();
        let ok = headers(&[("authorization", "Bearer 0123456789abcdef")]);
        assert!(authorize_api(Some(&t), &ok).is_ok());
        let e = authorize_api(None, &ok).unwrap_err();
        assert_eq!(e.status(), 403, "{e}");
        for h in [
            headers(&[]),
            headers(&[("authorization", "Bearer nope")]),
            headers(&[("authorization", "0123456789abcdef")]),
        ] {
            assert_eq!(authorize_api(Some(&t), &h).unwrap_err().status(), 401);
        }
    }

    #[test]
    fn forms_must_come_from_our_own_pages() {
        let t = WriteToken::new("0123456789abcdef").unwrap();
        let tok = "0123456789abcdef";
        let own = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(authorize_form(Some(&t), &own, tok).is_ok());
        let same_host = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert!(authorize_form(Some(&t), &same_host, tok).is_ok());
        for h in [
            headers(&[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")]),
            headers(&[("host", "127.0.0.1:8080"), ("origin", "https://evil.test")]),
        ] {
            assert_eq!(authorize_form(Some(&t), &h, tok).unwrap_err().status(), 403);
        }
        assert_eq!(
            authorize_form(Some(&t), &own, "").unwrap_err().status(),
            401
        );
        assert_eq!(
            authorize_form(Some(&t), &own, "wrong-token-value")
                .unwrap_err()
                .status(),
            401
        );
        assert_eq!(authorize_form(None, &own, tok).unwrap_err().status(), 403);
    }
}
