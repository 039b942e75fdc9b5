//! Uploading the objects a push needs: commits, trees and blobs the remote lacks, each
//! checked against the local id.

use base64::Engine as _;
use gix::ObjectId;

use super::Push;
use super::error::Error;
use crate::github::local::{self, Mode};
use crate::github::request_error::parse_id;
use crate::github::transport::Method;

impl Push<'_> {
    pub(super) fn upload_commit(
        &mut self,
        id: ObjectId,
        commit: &local::Commit,
    ) -> Result<(), Error> {
        self.upload_tree(commit.tree)?;
        let person = |p: &local::Person| serde_json::json!({ "name": p.name, "email": p.email, "date": p.date });
        let mut body = serde_json::json!({
            "message": commit.message,
            "tree": commit.tree.to_string(),
            "parents": commit.parents.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "author": person(&commit.author),
            "committer": person(&commit.committer),
        });
        if let Some(signature) = &commit.signature {
            body["signature"] = serde_json::Value::String(signature.clone());
        }
        self.create("commit", id, "/git/commits", &body)?;
        self.report.commits += 1;
        Ok(())
    }

    /// Creates tree `id` and whatever below it the remote lacks, bottom-up.
    fn upload_tree(&mut self, id: ObjectId) -> Result<(), Error> {
        if self.known.contains(&id) {
            return Ok(());
        }
        let entries = local::tree(self.repo, id).map_err(|problem| self.local_error(problem))?;
        let mut listed = Vec::with_capacity(entries.len());
        for entry in &entries {
            match entry.mode {
                Mode::Tree => self.upload_tree(entry.id)?,
                Mode::File | Mode::Executable | Mode::Link => self.upload_blob(entry.id)?,
                Mode::Submodule => {}
            }
            let (mode, kind) = entry.mode.api();
            listed.push(serde_json::json!({
                "path": entry.name,
                "mode": mode,
                "type": kind,
                "sha": entry.id.to_string(),
            }));
        }
        self.create(
            "tree",
            id,
            "/git/trees",
            &serde_json::json!({ "tree": listed }),
        )?;
        self.known.insert(id);
        self.report.trees += 1;
        Ok(())
    }

    fn upload_blob(&mut self, id: ObjectId) -> Result<(), Error> {
        if self.known.contains(&id) {
            return Ok(());
        }
        let data = local::blob(self.repo, id).map_err(|problem| self.local_error(problem))?;
        let body = serde_json::json!({
            "content": base64::engine::general_purpose::STANDARD.encode(&data),
            "encoding": "base64",
        });
        self.create("blob", id, "/git/blobs", &body)?;
        self.known.insert(id);
        self.report.blobs += 1;
        Ok(())
    }

    /// POSTs `body` to `path` and checks that the `sha` GitHub answers is `id`.
    fn create(
        &self,
        kind: &'static str,
        id: ObjectId,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<(), Error> {
        #[derive(serde::Deserialize)]
        struct Created {
            sha: String,
        }
        let step = || format!("creating {kind} {id}");
        let url = self.client.repo_url(path);
        let created: Created = self
            .client
            .call_json(Method::POST, &url, Some(body))
            .map_err(|source| self.request_error(&step(), source))?;
        let remote = parse_id(Method::POST, &url, &created.sha)
            .map_err(|source| self.request_error(&step(), source))?;
        if remote != id {
            return Err(Error::Mismatch {
                branch: self.branch.to_owned(),
                kind,
                local: id,
                remote,
            });
        }
        Ok(())
    }
}
