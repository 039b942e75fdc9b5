//! A scripted model on 127.0.0.1 speaking the Anthropic Messages streaming API, for driving the
//! real `claude` CLI in tests.
//!
//! [`ModelServer`] answers `POST /v1/messages` (any query string) from [`Scenario`]s: each is a
//! list of [`Turn`]s, chosen by a key string that must appear somewhere in the request body (the
//! prompt or the system prompt), so several crews can share one server. The turn answered is the
//! number of `assistant` messages already in the request's `messages`; an error turn
//! ([`Turn::error`]) is answered once, to the first request that reaches it, and the turns
//! after it go on counting as before. Answers are
//! `text/event-stream` bodies with a `Content-Length`, on keep-alive connections. Every request
//! is recorded with its parsed JSON body; any other path gets a 404 (recorded too).

mod answer;
mod scenario;
mod server;
#[cfg(test)]
mod tests;

pub use scenario::{Scenario, Turn};
pub use server::{ModelRequest, ModelServer};
