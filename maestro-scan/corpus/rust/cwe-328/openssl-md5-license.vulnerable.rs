use openssl::hash::{hash, MessageDigest};

pub fn license_fingerprint(customer: &str, seats: u32, signing_key: &[u8]) -> String {
    let mut data = signing_key.to_vec();
    data.extend_from_slice(format!("{customer}|{seats}").as_bytes());
    let digest = hash(MessageDigest::md5(), &data).expect("digest");
    hex::encode(digest)
}
