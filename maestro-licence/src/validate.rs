//! Online validation: asking the licence endpoint, at most once a day, through a transport the
//! application provides (so this crate never opens a connection itself, and the egress policy
//! decides what may be reached).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::answer::{Answer, AnswerError, Cache};
use crate::key::TrustedKeys;
use crate::state::{Licence, endpoint, evaluate, latest_known, validation_due};
use crate::token::Token;

/// Sends one validation request. Implemented by the application with its egress-guarded HTTP
/// client; an implementation must refuse rather than reach a destination its policy forbids.
pub trait Transport {
    /// POSTs `body` (JSON) to `url` and returns the response body of a 2xx answer.
    fn post_json(&self, url: &str, body: &[u8]) -> Result<Vec<u8>, TransportError>;
}

/// Why the endpoint could not be asked. Any of these leaves the grace period in force.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The egress policy refused the destination (e.g. air-gapped mode).
    #[error("refused by the egress policy: {0}")]
    Refused(String),
    /// The endpoint could not be reached or answered with an error.
    #[error("the licence endpoint could not be reached: {0}")]
    Unreachable(String),
}

/// The request body sent to the endpoint.
#[derive(Debug, Serialize, Deserialize)]
pub struct ValidationRequest {
    /// The licence token.
    pub token: String,
}

/// The response body expected from the endpoint.
#[derive(Debug, Serialize, Deserialize)]
pub struct ValidationResponse {
    /// The signed answer ([`crate::Issuer::answer`]).
    pub answer: String,
}

/// The result of [`check`]: the licence in force, the cache to store, and what happened online.
#[derive(Debug)]
pub struct Checked {
    /// The licence in force.
    pub licence: Licence,
    /// The cache to write back to `.mso/licence.json` (it always records the latest time seen).
    pub cache: Cache,
    /// What happened with the endpoint.
    pub online: Online,
}

/// What [`check`] did online.
#[derive(Debug)]
#[non_exhaustive]
pub enum Online {
    /// Nothing: no token, an offline token, or the latest validation is recent enough.
    NotNeeded,
    /// The endpoint answered; the answer is in the cache.
    Validated,
    /// The endpoint could not be asked; the grace period applies.
    Failed(TransportError),
    /// The endpoint answered something unusable; the grace period applies.
    BadAnswer(String),
}

/// Computes the licence in force at `now`, asking the endpoint first when a validation is due
/// (or `force` is set, to validate now whatever the latest validation). With no token nothing
/// is sent.
pub fn check(
    token: Option<&Token>,
    configured_endpoint: Option<&str>,
    cache: &Cache,
    trusted: &TrustedKeys,
    transport: &dyn Transport,
    now: Timestamp,
    force: bool,
) -> Checked {
    let Some(token) = token else {
        return Checked {
            licence: evaluate(None, None, cache.latest_seen, None, now),
            cache: Cache {
                answer: None,
                latest_seen: cache.latest_seen.max(Some(now)),
            },
            online: Online::NotNeeded,
        };
    };
    let endpoint = endpoint(configured_endpoint, token);
    let cached_answer = cache
        .answer
        .as_deref()
        .and_then(|text| Answer::verify(text, token, trusted).ok());
    let mut answer_text = cached_answer.as_ref().and(cache.answer.clone());
    let mut answer = cached_answer;
    let evaluate_with =
        |answer: Option<&Answer>| evaluate(Some(token), answer, cache.latest_seen, endpoint, now);
    let before = evaluate_with(answer.as_ref());

    let mut online = Online::NotNeeded;
    if let Some(url) = endpoint
        && (force || validation_due(&before, Some(url), now))
    {
        online = match ask(url, token, trusted, transport) {
            Ok((text, fresh)) => {
                answer = Some(fresh);
                answer_text = Some(text);
                Online::Validated
            }
            Err(Failure::Transport(e)) => Online::Failed(e),
            Err(Failure::Answer(message)) => Online::BadAnswer(message),
        };
    }
    let licence = evaluate_with(answer.as_ref());
    let latest = latest_known(Some(token), answer.as_ref(), cache.latest_seen).max(Some(now));
    Checked {
        licence,
        cache: Cache {
            answer: answer_text,
            latest_seen: latest,
        },
        online,
    }
}

enum Failure {
    Transport(TransportError),
    Answer(String),
}

fn ask(
    url: &str,
    token: &Token,
    trusted: &TrustedKeys,
    transport: &dyn Transport,
) -> Result<(String, Answer), Failure> {
    let body = serde_json::to_vec(&ValidationRequest {
        token: token.text.clone(),
    })
    .expect("a request always serialises");
    let response = transport
        .post_json(url, &body)
        .map_err(Failure::Transport)?;
    let response: ValidationResponse = serde_json::from_slice(&response)
        .map_err(|e| Failure::Answer(format!("the endpoint's response is not valid JSON: {e}")))?;
    let answer = Answer::verify(&response.answer, token, trusted)
        .map_err(|e: AnswerError| Failure::Answer(e.to_string()))?;
    Ok((response.answer, answer))
}
