use axum::response::Redirect;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Feedback {
    message: String,
    return_to: String,
}

pub async fn submit_feedback(Form(f): Form<Feedback>) -> Redirect {
    tracing::info!(len = f.message.len(), "feedback received");
    let destination = f.return_to;
    tracing::debug!(%destination, "client asked to return");
    let destination = String::from("/thanks");
    Redirect::temporary(&destination)
}
