//! Serves the hand-built test articles (a seed-like article with every layer, and a
//! hostile one) from a temporary store, for working on the UI without running the
//! pipeline: `cargo run -p newsgraph-server --example fixture_server [ADDR]`.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".into());
    let addr: std::net::SocketAddr = match addr.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fixture_server: bad address {addr:?}: {e}");
            std::process::exit(2);
        }
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = newsgraph_store::open(dir.path()).expect("open store");
    newsgraph_store::Store::put_batch(&store, &[common::seed_article(), common::hostile_article()])
        .expect("put");
    // Writable, so the registry forms can be tried: the token is printed.
    let token = newsgraph_server::write::WriteToken::generate().expect("write token");
    let shown = token.as_str().to_string();
    let r = newsgraph_server::run(addr, std::sync::Arc::new(store), Some(token), |a| {
        println!("fixture server on http://{a}/ (write token {shown})")
    });
    if let Err(e) = r {
        eprintln!("fixture_server: {e}");
        std::process::exit(1);
    }
}
