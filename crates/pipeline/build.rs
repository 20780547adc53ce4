//! Sets `cfg(shared_data)` when `../shared` is present (see `newsgraph-testkit`).
fn main() {
    newsgraph_testkit::build::shared_cfg();
}
