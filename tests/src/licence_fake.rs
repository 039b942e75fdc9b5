//! A fake licence endpoint on 127.0.0.1: answers validation requests with an answer signed by
//! an issuer key, and records the tokens it was sent.

use std::io::{self, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};

use maestro_licence::{
    Answer, Issuer, IssuerKey, Standing, Token, TrustedKeys, ValidationRequest, ValidationResponse,
};

use crate::wire;

/// A licence endpoint serving `POST /validate` until dropped.
#[derive(Debug)]
pub struct LicenceServer {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    standing: Arc<Mutex<Standing>>,
}

impl LicenceServer {
    /// Starts an endpoint signing with the issuer key in `key_file` (from `maestro licence
    /// keygen`) and answering `standing` for every licence it knows the signature of.
    pub fn start(key_file: &Path, standing: Standing) -> io::Result<LicenceServer> {
        let key = IssuerKey::load(key_file).map_err(io::Error::other)?;
        let issuer = Issuer::new(key);
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let standing = Arc::new(Mutex::new(standing));
        let (seen_in, standing_in) = (Arc::clone(&seen), Arc::clone(&standing));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let standing = *standing_in.lock().expect("not poisoned");
                let _ = serve(stream, &issuer, standing, &seen_in);
            }
        });
        Ok(LicenceServer {
            port,
            seen,
            standing,
        })
    }

    /// The endpoint URL, `http://127.0.0.1:<port>/validate`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/validate", self.port)
    }

    /// The tokens received so far.
    #[must_use]
    pub fn tokens(&self) -> Vec<String> {
        self.seen.lock().expect("not poisoned").clone()
    }

    /// Changes the standing answered from now on (e.g. to revoke the licence).
    pub fn set_standing(&self, standing: Standing) {
        *self.standing.lock().expect("not poisoned") = standing;
    }
}

/// One request per connection; the answer closes it.
fn serve(
    stream: TcpStream,
    issuer: &Issuer,
    standing: Standing,
    seen: &Mutex<Vec<String>>,
) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some(head) = wire::read_head(&mut reader)? else {
        return Ok(());
    };
    let body = wire::read_body(&mut reader, &head)?;
    let (status, response) = match serde_json::from_slice::<ValidationRequest>(&body) {
        Ok(request) => {
            seen.lock()
                .expect("not poisoned")
                .push(request.token.clone());
            let trusted = TrustedKeys::only(vec![issuer.key().public_key()]);
            match Token::verify(&request.token, &trusted) {
                Ok(token) => {
                    let answer = issuer.answer(&Answer {
                        licence_id: token.claims.id,
                        status: standing,
                        checked_at: jiff::Timestamp::now(),
                    });
                    (200, serde_json::to_string(&ValidationResponse { answer })?)
                }
                Err(_) => (403, r#"{"error":"unknown licence"}"#.to_owned()),
            }
        }
        Err(_) => (400, r#"{"error":"bad request"}"#.to_owned()),
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{response}",
        response.len()
    )?;
    stream.flush()
}
