//! [`LoopbackTransport`]: maestro-git's `Transport` for tests, to loopback only.

use std::io::{self, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

use maestro_git::github::{HttpRequest, HttpResponse, Transport, TransportError};

use crate::wire;

/// maestro-git's `Transport` over plain HTTP/1.1 to loopback addresses only, reusing one
/// keep-alive connection. Any other destination is refused before connecting.
#[derive(Debug, Default)]
pub struct LoopbackTransport {
    connection: Mutex<Option<(SocketAddr, BufReader<TcpStream>)>>,
}

impl LoopbackTransport {
    /// A transport with no connection yet.
    #[must_use]
    pub fn new() -> LoopbackTransport {
        LoopbackTransport::default()
    }

    fn exchange(
        stream: &mut BufReader<TcpStream>,
        head: &[u8],
        body: &[u8],
    ) -> io::Result<HttpResponse> {
        stream.get_mut().write_all(head)?;
        stream.get_mut().write_all(body)?;
        stream.get_mut().flush()?;
        let Some(head) = wire::read_head(stream)? else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed",
            ));
        };
        let status = head
            .start
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| io::Error::other(format!("bad status line {:?}", head.start)))?;
        let body = wire::read_body(stream, &head)?;
        let mut response = http::Response::builder().status(status);
        for (name, value) in &head.headers {
            response = response.header(name.as_str(), value.as_str());
        }
        response.body(body).map_err(io::Error::other)
    }
}

fn unreachable(
    url: &str,
    error: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> TransportError {
    TransportError::Unreachable {
        url: url.to_owned(),
        source: error.into(),
    }
}

impl Transport for LoopbackTransport {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let url = request.uri().to_string();
        let refused = |reason: &str| TransportError::Refused {
            url: url.clone(),
            source: reason.to_owned().into(),
        };
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| refused("only http:// to loopback is allowed in tests"))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let addr: SocketAddr = authority
            .parse()
            .map_err(|_| refused("tests only connect to literal loopback addresses"))?;
        if !IpAddr::is_loopback(&addr.ip()) {
            return Err(refused("tests never leave loopback"));
        }
        let path = if path.is_empty() { "/" } else { path };
        let body = request.body().as_slice();
        let mut head = format!(
            "{} {path} HTTP/1.1\r\nhost: {authority}\r\ncontent-length: {}\r\n",
            request.method(),
            body.len()
        );
        for (name, value) in request.headers() {
            head.push_str(name.as_str());
            head.push_str(": ");
            head.push_str(&String::from_utf8_lossy(value.as_bytes()));
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // A kept-alive connection the server closed fails at once: reconnect and retry once.
        if let Some((reused, stream)) = connection.as_mut()
            && *reused == addr
            && let Ok(response) = Self::exchange(stream, head.as_bytes(), body)
        {
            return Ok(response);
        }
        *connection = None;
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
            .map_err(|e| unreachable(&url, e))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| unreachable(&url, e))?;
        let mut stream = BufReader::new(stream);
        let response =
            Self::exchange(&mut stream, head.as_bytes(), body).map_err(|e| unreachable(&url, e))?;
        *connection = Some((addr, stream));
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transport_refuses_anything_but_loopback() {
        let transport = LoopbackTransport::new();
        for url in [
            "https://api.github.com/repos/o/r",
            "http://192.0.2.1:80/x",
            "http://example.com/x",
        ] {
            let request: HttpRequest = http::Request::get(url)
                .body(Vec::new())
                .expect("a valid request");
            let error = transport.send(&request).expect_err("refused");
            assert!(
                matches!(error, TransportError::Refused { .. }),
                "{url}: {error:?}"
            );
        }
    }
}
