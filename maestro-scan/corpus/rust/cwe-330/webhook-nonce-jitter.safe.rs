use std::time::Duration;

pub async fn deliver(client: &reqwest::Client, url: &str, payload: String) -> reqwest::Result<()> {
    let nonce = format!("{:032x}", rand::random::<u128>());
    let mut attempt = 0u32;
    loop {
        let res = client.post(url).header("x-webhook-nonce", &nonce).body(payload.clone()).send().await;
        match res {
            Ok(_) => return Ok(()),
            Err(e) if attempt >= 4 => return Err(e),
            Err(_) => {
                attempt += 1;
                let jitter = fastrand::u64(0..500);
                tokio::time::sleep(Duration::from_millis(2u64.pow(attempt) * 100 + jitter)).await;
            }
        }
    }
}
