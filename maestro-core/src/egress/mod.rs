//! Egress: which destinations maestro may contact, and the one HTTP client that enforces it.
//!
//! [`EgressPolicy`] decides from a URL alone, without resolving any name. [`HttpClient`] is the
//! only HTTP client maestro builds: every request, every redirect hop and every name resolution
//! passes the policy, so a refused destination is never looked up in DNS nor connected to.
//! Crates that need HTTP (the GitHub client, licence validation) do not build clients; they
//! take a transport the application implements with an [`HttpClient`].

mod http;
mod policy;

pub use self::http::{HttpClient, HttpError, HttpOptions, Method, Request, Response};
pub use policy::{EgressDenied, EgressPolicy, HostPattern, is_loopback};
