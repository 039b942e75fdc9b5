pub struct ResetRecord {
    pub user_id: u64,
    pub token_digest: String,
}

pub fn store_reset_token(user_id: u64, token: &str) -> ResetRecord {
    let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(token.as_bytes()));
    ResetRecord { user_id, token_digest: digest }
}

pub fn matches(record: &ResetRecord, presented: &str) -> bool {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(presented.as_bytes())) == record.token_digest
}
