//! The HTTP JSON API and the server-rendered web UI over a [`Store`].
//!
//! One [`router`] serves both: `/api/...` answers JSON (documented by the OpenAPI
//! document at `/api/openapi.json`), every other path answers HTML built on the server
//! from the store's records. Article text is untrusted: all HTML goes through
//! [`html::Html`], which escapes by construction, and every response carries a
//! Content-Security-Policy that forbids inline scripts, so even a missed escape could
//! not run code.
//!
//! Store calls are blocking (SQLite, Tantivy); handlers run them on Tokio's blocking
//! pool through [`AppState::call`].

#![recursion_limit = "512"]

pub mod api;
pub mod highlight;
pub mod html;
pub mod openapi;
pub mod ui;
pub mod write;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use newsgraph_store::{Store, StoreError};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// Errors of the server as a whole (binding, the runtime).
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("binding {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("starting the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("serving: {0}")]
    Serve(std::io::Error),
}

/// Why one request failed.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A write without the right token.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// A write the server does not take at all (read-only, cross-site).
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl RequestError {
    pub fn status(&self) -> StatusCode {
        match self {
            RequestError::NotFound(_) => StatusCode::NOT_FOUND,
            RequestError::BadRequest(_)
            | RequestError::Store(StoreError::Query(_))
            | RequestError::Store(StoreError::Correction(_)) => StatusCode::BAD_REQUEST,
            RequestError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            RequestError::Forbidden(_) | RequestError::Store(StoreError::ReadOnly(_)) => {
                StatusCode::FORBIDDEN
            }
            RequestError::Store(_) | RequestError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    /// `None`: the server is read-only.
    write_token: Option<Arc<write::WriteToken>>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, write_token: Option<write::WriteToken>) -> Self {
        AppState {
            store,
            write_token: write_token.map(Arc::new),
        }
    }

    /// The token writes must carry; `None` when the server is read-only.
    pub fn write_token(&self) -> Option<&write::WriteToken> {
        self.write_token.as_deref()
    }

    /// Runs a blocking store call on the blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T, RequestError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let store = self.store.clone();
        match tokio::task::spawn_blocking(move || f(store.as_ref())).await {
            Ok(r) => r.map_err(RequestError::from),
            Err(e) => Err(RequestError::Internal(format!("store task failed: {e}"))),
        }
    }
}

/// The whole application: API, UI and assets, with security headers on every response.
/// Without a write token it is read-only: every write answers 403.
pub fn router(store: Arc<dyn Store>, write_token: Option<write::WriteToken>) -> Router {
    let state = AppState::new(store, write_token);
    Router::new()
        .merge(api::routes())
        .merge(ui::routes())
        .fallback(ui::not_found)
        .with_state(state)
        .layer(axum::middleware::map_response(security_headers))
}

/// The Content-Security-Policy of every response: no inline script or style, nothing
/// from other origins.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Serves the application on an already bound listener until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    write_token: Option<write::WriteToken>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(store, write_token))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `addr`, calls `on_ready` with the bound address (port 0 picks one), and serves
/// until Ctrl-C / SIGTERM. Builds its own runtime: call from synchronous code.
pub fn run(
    addr: SocketAddr,
    store: Arc<dyn Store>,
    write_token: Option<write::WriteToken>,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        let local = listener.local_addr().map_err(ServerError::Serve)?;
        on_ready(local);
        serve(listener, store, write_token, shutdown_signal())
            .await
            .map_err(ServerError::Serve)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// A JSON error body `{"error": "..."}` with the error's status.
pub(crate) fn json_error(e: &RequestError) -> Response {
    let body = serde_json::json!({ "error": e.to_string(), "status": e.status().as_u16() });
    let mut res = (e.status(), axum::Json(body)).into_response();
    if e.status() == StatusCode::UNAUTHORIZED {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"newsgraph writes\""),
        );
    }
    res
}
