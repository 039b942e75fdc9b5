//! The GitHub client's transport: its requests go through maestro-core's egress-guarded HTTP
//! client. Both speak the `http` crate's requests and responses, so nothing is translated.

use maestro_core::egress::{HttpClient, HttpError};
use maestro_git::github::{HttpRequest, HttpResponse, Transport, TransportError};

/// GitHub requests through the egress-guarded client.
#[derive(Debug, Clone)]
pub struct EgressTransport(pub HttpClient);

impl Transport for EgressTransport {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let url = request.uri().to_string();
        self.0.send(request.clone()).map_err(|error| match error {
            HttpError::Refused(denied) => TransportError::Refused {
                url,
                source: Box::new(denied),
            },
            other => TransportError::Unreachable {
                url,
                source: Box::new(other),
            },
        })
    }
}
