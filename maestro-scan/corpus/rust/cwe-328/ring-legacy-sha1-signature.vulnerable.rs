use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY};

pub fn sign_download(secret: &str, file_id: u64, expires: u64) -> String {
    let material = format!("{secret}:{file_id}:{expires}");
    let sig = digest(&SHA1_FOR_LEGACY_USE_ONLY, material.as_bytes());
    format!("/downloads/{file_id}?expires={expires}&sig={}", hex::encode(sig.as_ref()))
}
