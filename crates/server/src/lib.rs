//! The HTTP JSON API and the server-rendered web UI over a store.
