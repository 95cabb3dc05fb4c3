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
