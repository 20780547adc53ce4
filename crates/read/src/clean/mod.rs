//! Cleaning: one document (text dump or HTML page) to one [`Article`] with its main
//! text, blocks, furniture and metadata.

pub(crate) mod furniture;
pub mod html;
pub(crate) mod normalise;
mod textdump;

pub use html::clean_html;
pub use textdump::clean_text;
