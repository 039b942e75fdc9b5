pub struct ResetRecord {
    pub user_id: u64,
    pub token_digest: String,
}

pub fn store_reset_token(user_id: u64, token: &str) -> ResetRecord {
    let digest = sha1_smol::Sha1::from(token).hexdigest();
    ResetRecord { user_id, token_digest: digest }
}

pub fn matches(record: &ResetRecord, presented: &str) -> bool {
    sha1_smol::Sha1::from(presented).hexdigest() == record.token_digest
}
