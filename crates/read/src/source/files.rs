//! Files and directories. Directories are walked recursively with an explicit stack
//! (no recursion), entries sorted, hidden entries skipped, symlinked directories not
//! followed (no cycles).

use crate::{Input, ReadError};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Expands one command-line argument into inputs, appending to `out`.
pub(crate) fn expand_one(arg: &str, out: &mut Vec<Result<Input, ReadError>>) {
    if arg == "-" {
        out.push(Ok(Input::Stdin));
        return;
    }
    let lower = arg.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        out.push(Ok(Input::Url(arg.to_string())));
        return;
    }
    let path = PathBuf::from(arg);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => walk(&path, out),
        Ok(_) => out.push(Ok(Input::Path(path))),
        Err(e) => out.push(Err(ReadError::io(arg, e))),
    }
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn walk(root: &Path, out: &mut Vec<Result<Input, ReadError>>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                out.push(Err(ReadError::io(dir.display().to_string(), e)));
                continue;
            }
        };
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.push(Err(ReadError::io(dir.display().to_string(), e)));
                    continue;
                }
            };
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            match entry.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(t) if t.is_file() => files.push(path),
                Ok(t) if t.is_symlink() => {
                    // Follow symlinks to files only.
                    if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                        files.push(path);
                    }
                }
                Ok(_) => {}
                Err(e) => out.push(Err(ReadError::io(path.display().to_string(), e))),
            }
        }
        files.sort();
        out.extend(files.into_iter().map(|p| Ok(Input::Path(p))));
        dirs.sort();
        // Depth-first, in sorted order.
        stack.extend(dirs.into_iter().rev());
    }
}

/// Reads a file, up to `max` bytes.
pub(crate) fn read_file(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| ReadError::io(&name, e))?;
    let mut buf = Vec::new();
    f.take(max as u64)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::io(&name, e))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_expand_recursively_sorted_without_hidden() {
        let dir = std::env::temp_dir().join(format!("ng-read-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b/c")).unwrap();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        for f in ["a.txt", "b/x.html", "b/c/y.txt", ".git/z", ".hidden.txt"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let mut out = Vec::new();
        expand_one(dir.to_str().unwrap(), &mut out);
        let got: Vec<String> = out
            .into_iter()
            .map(|r| match r.unwrap() {
                Input::Path(p) => p.strip_prefix(&dir).unwrap().display().to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, vec!["a.txt", "b/x.html", "b/c/y.txt"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let mut out = Vec::new();
        expand_one("/definitely/not/here.txt", &mut out);
        let e = out.pop().unwrap().unwrap_err();
        assert!(e.to_string().contains("/definitely/not/here.txt"));
    }
}
