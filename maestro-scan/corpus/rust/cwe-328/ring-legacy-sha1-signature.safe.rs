use ring::hmac;

pub fn sign_download(secret: &str, file_id: u64, expires: u64) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let sig = hmac::sign(&key, format!("{file_id}:{expires}").as_bytes());
    format!("/downloads/{file_id}?expires={expires}&sig={}", hex::encode(sig.as_ref()))
}
