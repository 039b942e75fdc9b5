//! `maestro release <voyage>`: push the voyage branch through the GitHub REST API and open its
//! pull request.

use anyhow::Context as _;
use maestro_cli::transport::EgressTransport;
use maestro_core::dispatch::report::markdown;
use maestro_core::egress::{HttpClient, HttpOptions};
use maestro_core::{EgressPolicy, StoreError, VoyageState};
use maestro_git::github::{self, Client, NewPullRequest, Options, RepositoryName, Token};

use crate::cli::ReleaseArgs;
use crate::commands::Outcome;
use crate::output::{self, Output};
use maestro_cli::workspace::Workspace;

/// `github.repository`, or the `owner/name` of the `origin` remote.
fn repository(ws: &Workspace) -> anyhow::Result<RepositoryName> {
    if let Some(configured) = &ws.config.github.repository {
        return configured
            .parse()
            .with_context(|| "github.repository in .mso/workspace.json".to_owned());
    }
    github::repository_of_remote(&ws.repo, "origin").ok_or_else(|| {
            anyhow::anyhow!(
                "no GitHub repository: set github.repository (owner/name) in .mso/workspace.json or add an `origin` remote"
            )
        })
}

/// The branch the pull request targets.
fn base_branch(ws: &Workspace, args: &ReleaseArgs, voyage_base: &str) -> String {
    if let Some(base) = &args.base {
        return base.clone();
    }
    if voyage_base != "HEAD" && ws.repo.branch_commit(voyage_base).ok().flatten().is_some() {
        return voyage_base.to_owned();
    }
    github::checked_out_branch(&ws.repo).unwrap_or_else(|| "main".to_owned())
}

/// Pushes the voyage branch, opens the pull request, records its URL.
pub fn run(out: Output, args: &ReleaseArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let (voyage, orders, reports) = ws.voyage_with_reports(&args.voyage)?;
    let repository = repository(&ws)?;
    let token = Token::from_env(&ws.config.github.token_env)?;
    let http = HttpClient::new(
        EgressPolicy::from_config(&ws.config, &[]),
        &HttpOptions::default(),
    )?;
    let client = Client::new(
        EgressTransport(http),
        repository,
        token,
        Options {
            api_url: ws.config.github.api_url.clone(),
            ..Options::default()
        },
    );
    let pushed = client
        .push_branch(&ws.repo, &voyage.branch)
        .with_context(|| format!("cannot push {}", voyage.branch))?;
    out.info(&format!(
        "pushed {} ({:?}: {} commits, {} trees, {} blobs uploaded)",
        voyage.branch, pushed.outcome, pushed.commits, pushed.trees, pushed.blobs
    ))?;
    let base = base_branch(&ws, args, &voyage.base);
    let pull = client
        .create_pull_request(&NewPullRequest {
            title: voyage.title.clone(),
            head: voyage.branch.clone(),
            base,
            body: markdown(
                &voyage,
                &orders,
                &reports,
                ws.config.crews.sandbox,
                ws.config.crews.voyage_budget_usd,
            ),
            draft: args.draft,
        })
        .context("cannot open the pull request")?;
    maestro_cli::audit::record(
        &ws,
        "pr.opened",
        args.voyage.as_str(),
        maestro_audit::Details::new()
            .with("url", pull.html_url.as_str())
            .with("number", pull.number)
            .with("pushed_commit", pushed.pushed.to_string()),
    )?;
    ws.store.update_voyage(&args.voyage, |v| {
        v.pr_url = Some(pull.html_url.clone());
        v.state = VoyageState::Released;
        Ok::<_, StoreError>(())
    })?;
    if out.json {
        output::json(&serde_json::json!({
            "voyage": args.voyage,
            "branch": voyage.branch,
            "pushed_commit": pushed.pushed.to_string(),
            "pull_request": {"number": pull.number, "url": pull.html_url},
        }))?;
    } else {
        out.info(&format!(
            "opened pull request #{}: {}",
            pull.number, pull.html_url
        ))?;
    }
    Ok(Outcome::Clean)
}
