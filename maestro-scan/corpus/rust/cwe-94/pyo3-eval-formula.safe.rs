use axum::extract::Query;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Formula {
    x: f64,
    f: String,
}

pub async fn evaluate(Query(q): Query<Formula>) -> String {
    Python::with_gil(|py| {
        let locals = PyDict::new(py);
        locals.set_item("x", q.x).unwrap();
        let expr = match q.f.as_str() {
            "square" => "x * x",
            "double" => "x * 2",
            _ => "x",
        };
        py.eval(expr, None, Some(locals))
            .and_then(|v| v.extract::<f64>())
            .map(|v| v.to_string())
            .unwrap_or_else(|e| e.to_string())
    })
}
