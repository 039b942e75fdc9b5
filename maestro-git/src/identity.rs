//! Who a commit is by.

/// The name and e-mail address written into a commit's author and committer lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The name, e.g. `maestro builder`.
    pub name: String,
    /// The e-mail address, e.g. `maestro@localhost`.
    pub email: String,
}

impl Identity {
    /// An identity from a name and an e-mail address.
    #[must_use]
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Identity {
        Identity {
            name: name.into(),
            email: email.into(),
        }
    }

    /// A signature by this identity at the current time.
    pub(crate) fn signature_now(&self) -> gix::actor::Signature {
        gix::actor::Signature {
            name: self.name.as_str().into(),
            email: self.email.as_str().into(),
            time: gix::date::Time::now_local_or_utc(),
        }
    }
}

impl crate::Repo {
    /// The committer configured for the repository (`user.name`/`user.email`, or the
    /// `GIT_COMMITTER_*` environment), falling back to `maestro <maestro@localhost>`.
    #[must_use]
    pub fn default_identity(&self) -> Identity {
        match self.repo.committer() {
            Some(Ok(sig)) => Identity::new(sig.name.to_string(), sig.email.to_string()),
            _ => Identity::new(
                crate::repository::FALLBACK_NAME,
                crate::repository::FALLBACK_EMAIL,
            ),
        }
    }
}
