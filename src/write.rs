//! Writing files safely: hirelint never changes a user's file unless asked (`--fix`,
//! `--write-baseline`), and then atomically: the new text goes to a temporary file in the same
//! folder, which takes the original's permissions and is renamed over it. A failure at any
//! point leaves the original as it was.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, keeping the permissions of an existing file.
/// A read-only file is refused (even where the file system would allow the rename).
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let existing = std::fs::metadata(path).ok();
    if let Some(m) = &existing
        && m.permissions().readonly()
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".hirelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Some(m) = existing {
        std::fs::set_permissions(tmp.path(), m.permissions())?;
    }
    if std::env::var_os("HIRELINT_TEST_FAIL_BEFORE_RENAME").is_some() {
        // For tests: simulate a crash between writing and renaming.
        return Err(std::io::Error::other("simulated failure before rename"));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why `--fix` left a file as it was.
fn refused(why: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::PermissionDenied, why.to_string())
}

/// How old a `.hirelint-*.tmp` file must be before [`replace_file`] removes it as left over
/// from a run that was killed between writing and renaming.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(300);

/// Replaces the contents of an existing document for `--fix`, more carefully than
/// [`atomic_write`], because the file and its folder may come from a pull request:
///
/// - only a regular file is written, never through a symbolic link (the link itself, or a
///   linked folder on the way to it inside the current folder): the rename would otherwise put
///   a copy of whatever the link points at (a private key, say) into the repository;
/// - only a file the user owns and may write: the new file keeps its owner, group and mode
///   (on Unix a file owned by someone else, or without the owner's write bit, is refused,
///   since the rename would change its owner or bypass its mode; root gives the new file
///   back to the owner);
/// - if the file was replaced while it was checked, it is left alone;
/// - temporary files that a killed run left in the folder (older than five minutes) are
///   removed first.
///
/// An error says why in plain words; the file is then unchanged.
pub fn replace_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(refused(
            "it is a symbolic link, and fixes are never written through a link",
        ));
    }
    if !meta.is_file() {
        return Err(refused("it is not a regular file"));
    }
    if let Some(link) = linked_folder(path) {
        return Err(refused(&format!(
            "the folder {} on the way to it is a symbolic link, and fixes are never written through a link",
            crate::escape::path(&link)
        )));
    }
    if meta.permissions().readonly() {
        return Err(refused("it is read-only"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".hirelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // The temporary file is ours: its owner is the user running hirelint.
    #[cfg(unix)]
    let me = {
        use std::os::unix::fs::MetadataExt;
        tmp.as_file().metadata()?.uid()
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // root (a CI container) may give the file back to its owner; anyone else may not.
        if meta.uid() != me && me != 0 {
            return Err(refused(
                "it belongs to another user, and the fixed file would change its owner",
            ));
        }
        if meta.mode() & 0o200 == 0 {
            return Err(refused("its owner may not write it (mode without u+w)"));
        }
    }
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owner = (meta.uid() != me).then_some(meta.uid());
        std::os::unix::fs::fchown(tmp.as_file(), owner, Some(meta.gid()))
            .map_err(|_| refused("its owner and group cannot be kept"))?;
    }
    if std::env::var_os("HIRELINT_TEST_FAIL_BEFORE_RENAME").is_some() {
        // For tests: simulate a crash between writing and renaming.
        return Err(std::io::Error::other("simulated failure before rename"));
    }
    // The file must still be the one that was read: not swapped for a link or another file.
    let now = std::fs::symlink_metadata(path)?;
    if !same_file(&meta, &now) {
        return Err(refused("it was replaced while hirelint was checking it"));
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino() && b.is_file()
}

#[cfg(not(unix))]
fn same_file(_a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    b.is_file()
}

/// The first folder on the way to `path` that is a symbolic link: every folder of a relative
/// path, and of an absolute one those inside the current folder.
fn linked_folder(path: &Path) -> Option<std::path::PathBuf> {
    let rel = if path.is_absolute() {
        let cwd = std::env::current_dir().ok()?;
        path.strip_prefix(&cwd).ok()?.to_path_buf()
    } else {
        path.to_path_buf()
    };
    let base = if path.is_absolute() {
        std::env::current_dir().ok()?
    } else {
        std::path::PathBuf::new()
    };
    let mut at = base;
    let parent = rel.parent()?;
    for c in parent.components() {
        at.push(c);
        if matches!(c, std::path::Component::Normal(_))
            && std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
        {
            return Some(at);
        }
    }
    None
}

/// Removes `.hirelint-XXXXXX.tmp` files older than [`STALE_TEMP`] in `dir`: left over from a
/// run killed between writing and renaming. Only regular files with exactly that name shape.
fn remove_stale_temps(dir: &Path) {
    // Once per folder and run: a folder of many fixed files is listed once, not once per file.
    type Done = std::sync::Mutex<std::collections::HashSet<std::path::PathBuf>>;
    static DONE: std::sync::LazyLock<Done> = std::sync::LazyLock::new(Default::default);
    if !DONE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dir.to_path_buf())
    {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let shaped = name.len() == ".hirelint-".len() + 6 + ".tmp".len()
            && name.starts_with(".hirelint-")
            && name.ends_with(".tmp");
        if !shaped {
            continue;
        }
        let old = e.metadata().ok().filter(|m| m.is_file()).and_then(|m| {
            m.modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .map(|age| age > STALE_TEMP)
        });
        if old == Some(true) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
