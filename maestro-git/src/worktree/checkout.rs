//! Writing the files of an index into a worktree, as a checkout does.

use std::path::Path;

/// Writes the files of `index` into `workdir` (as `options` say); the first file that could
/// not be written, or that collides with another, is the error.
pub(super) fn write_files(
    repo: &gix::Repository,
    index: &mut gix::index::File,
    workdir: &Path,
    options: gix::worktree::state::checkout::Options,
) -> Result<(), gix::Error> {
    let objects = repo
        .objects
        .clone()
        .into_arc()
        .map_err(gix::Error::from_error)?;
    let outcome = gix::worktree::state::checkout(
        index,
        workdir,
        objects,
        &gix::progress::Discard,
        &gix::progress::Discard,
        &std::sync::atomic::AtomicBool::new(false),
        options,
    )?;
    if let Some(error) = outcome.errors.first() {
        return Err(gix::Error::from_error(std::io::Error::other(format!(
            "cannot write `{}`: {}",
            error.path, error.error
        ))));
    }
    if let Some(collision) = outcome.collisions.first() {
        return Err(gix::Error::from_error(std::io::Error::other(format!(
            "cannot write `{}`: it collides with another path",
            collision.path
        ))));
    }
    Ok(())
}
