//! Where bytes come from: files and directories, stdin, HTTP(S) URLs.

mod feed_list;
mod files;
mod http;
mod stdin;

use crate::{Input, ReadError, ReadOptions};

pub use feed_list::{feed_list, is_feed_list_path, opml_urls};
pub(crate) use files::expand_one_with;
pub use files::WalkOptions;

/// Loads the whole input into memory, up to `opts.max_bytes`.
pub(crate) fn load(input: &Input, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    match input {
        Input::Path(p) => files::read_file(p, opts.max_bytes),
        Input::Stdin => stdin::read_stdin(opts.max_bytes),
        Input::Url(u) => http::fetch(u, opts),
    }
}
