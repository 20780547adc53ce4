//! Standard input, read whole (up to a cap).

use crate::ReadError;
use std::io::Read;

pub(crate) fn read_stdin(max: usize) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(max as u64)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::io("<stdin>", e))?;
    Ok(buf)
}
