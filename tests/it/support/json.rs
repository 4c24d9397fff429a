//! Comparing JSON golden files in the native and the browser tests: numbers within 1e-9
//! relative, everything else exactly.

/// Equal JSON, numbers within 1e-9 relative: the browser's and the native libm (ln, exp,
/// powf in the Beta sampler) may differ in the last bit, which shows in the last digit of a
/// mean, never in the trials themselves.
pub fn assert_same(actual: &serde_json::Value, expected: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            assert!((a - e).abs() <= 1e-9 * e.abs().max(1.0), "{at}: {a} vs {e}");
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{at}");
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                assert_same(a, e, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(e)) => {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                e.keys().collect::<Vec<_>>(),
                "{at}"
            );
            for (key, a) in a {
                assert_same(a, &e[key], &format!("{at}.{key}"));
            }
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}
