//! Files and directories. Directories are walked recursively with an explicit stack
//! (no recursion), entries sorted, hidden entries skipped, symlinked directories not
//! followed (no cycles).

use crate::{Input, ReadError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const NON_ARTICLES: &str = include_str!("../../data/non_articles.tsv");

/// Which files of a directory walk are read: `--include` globs (only files matching
/// one, when given), `--exclude` globs, and otherwise every file but the obvious
/// non-articles of `data/non_articles.tsv` (READMEs, build files, code, media).
/// Patterns match the file name or the path under the directory, case-insensitively.
/// Files named on the command line are always read.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    include: Vec<glob::Pattern>,
    exclude: Vec<glob::Pattern>,
}

impl WalkOptions {
    /// Compiles the globs; a malformed one is an error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let compile = |flag: &str, pats: &[String]| {
            pats.iter()
                .map(|p| {
                    glob::Pattern::new(p).map_err(|e| format!("{flag} {p:?} is not a glob: {e}"))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(WalkOptions {
            include: compile("--include", include)?,
            exclude: compile("--exclude", exclude)?,
        })
    }

    /// Whether a file found under `root` is read; `Err(())` when it is skipped as a
    /// default non-article (reported as a count).
    fn admits(&self, root: &Path, path: &Path) -> Result<bool, ()> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
        let opts = glob::MatchOptions {
            case_sensitive: false,
            require_literal_separator: false,
            require_literal_leading_dot: false,
        };
        let hit = |pats: &[glob::Pattern]| {
            pats.iter()
                .any(|p| p.matches_with(name, opts) || p.matches_with(&rel, opts))
        };
        if hit(&self.exclude) {
            return Ok(false);
        }
        if !self.include.is_empty() {
            return Ok(hit(&self.include));
        }
        if hit(non_articles()) {
            return Err(());
        }
        Ok(true)
    }
}

fn non_articles() -> &'static [glob::Pattern] {
    static P: OnceLock<Vec<glob::Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        NON_ARTICLES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| glob::Pattern::new(l).ok())
            .collect()
    })
}

/// Expands one command-line argument into inputs, appending to `out`.
#[cfg(test)]
pub(crate) fn expand_one(arg: &str, out: &mut Vec<Result<Input, ReadError>>) {
    expand_one_with(arg, &WalkOptions::default(), out)
}

/// Expands one command-line argument into inputs, appending to `out`; directories are
/// walked with `walk`'s filters.
pub(crate) fn expand_one_with(
    arg: &str,
    walk: &WalkOptions,
    out: &mut Vec<Result<Input, ReadError>>,
) {
    if arg == "-" {
        out.push(Ok(Input::Stdin));
        return;
    }
    let lower = arg.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        out.push(Ok(Input::Url(arg.to_string())));
        return;
    }
    // A feed list (feed URLs one per line, or OPML) stands for its feeds.
    match super::feed_list::feed_list(arg) {
        Ok(Some(urls)) if urls.is_empty() => {
            out.push(Err(ReadError::new(arg, "feed list holds no feed URL")));
            return;
        }
        Ok(Some(urls)) => {
            out.extend(urls.into_iter().map(|u| Ok(Input::Url(u))));
            return;
        }
        Ok(None) => {}
        Err(e) => {
            out.push(Err(ReadError::io(arg, e)));
            return;
        }
    }
    let path = PathBuf::from(arg);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => walk_dir(&path, walk, out),
        Ok(_) => out.push(Ok(Input::Path(path))),
        Err(e) => out.push(Err(ReadError::io(arg, e))),
    }
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn walk_dir(root: &Path, walk: &WalkOptions, out: &mut Vec<Result<Input, ReadError>>) {
    let mut stack = vec![root.to_path_buf()];
    let mut skipped: Vec<String> = Vec::new();
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
        for p in files {
            match walk.admits(root, &p) {
                Ok(true) => out.push(Ok(Input::Path(p))),
                Ok(false) => {}
                Err(()) => skipped.push(p.strip_prefix(root).unwrap_or(&p).display().to_string()),
            }
        }
        dirs.sort();
        // Depth-first, in sorted order.
        stack.extend(dirs.into_iter().rev());
    }
    if !skipped.is_empty() {
        let shown: Vec<&str> = skipped.iter().take(5).map(String::as_str).collect();
        let more = if skipped.len() > 5 { ", …" } else { "" };
        out.push(Err(ReadError::skipped(
            root.display().to_string(),
            format!(
                "skipped {} file(s) that are not articles ({}{more}); --include GLOB reads them",
                skipped.len(),
                shown.join(", ")
            ),
        )));
    }
}

/// Reads a file, up to `max` bytes.
pub(crate) fn read_file(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| ReadError::io(&name, e))?;
    // Sized from the file's length: `take` hides it from `read_to_end`, which would
    // grow the buffer by doubling (a 50 MB page held as 64 + 32 MB at the last step).
    let len = f.metadata().map_or(0, |m| m.len()).min(max as u64) as usize;
    let mut buf = Vec::with_capacity(len.saturating_add(1));
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
    fn directory_walks_skip_non_articles_and_honour_globs() {
        let dir = std::env::temp_dir().join(format!("ng-read-globs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("news")).unwrap();
        for f in [
            "README.TXT",
            "Makefile",
            "build.toml",
            "news/001.txt",
            "news/002.html",
            "news/draft.txt",
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let names = |walk: &WalkOptions| {
            let mut out = Vec::new();
            expand_one_with(dir.to_str().unwrap(), walk, &mut out);
            let warnings = out
                .iter()
                .filter(|r| r.as_ref().is_err_and(|e| e.is_warning()))
                .count();
            let files: Vec<String> = out
                .into_iter()
                .filter_map(|r| match r {
                    Ok(Input::Path(p)) => Some(p.strip_prefix(&dir).unwrap().display().to_string()),
                    _ => None,
                })
                .collect();
            (files, warnings)
        };
        assert_eq!(
            names(&WalkOptions::default()),
            (
                vec![
                    "news/001.txt".into(),
                    "news/002.html".into(),
                    "news/draft.txt".into()
                ],
                1
            )
        );
        let w = WalkOptions::new(&["*.txt".into()], &["draft*".into()]).unwrap();
        assert_eq!(
            names(&w),
            (vec!["README.TXT".into(), "news/001.txt".into()], 0)
        );
        assert!(WalkOptions::new(&["[".into()], &[]).is_err());
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
