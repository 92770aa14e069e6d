//! Benchmark harness for accord: a synthetic corpus generator (`gen-corpus`)
//! and a minimal raw tantivy baseline (`raw-index`, `raw-search`). The
//! shell driver is `run.sh`; see README.md.

pub mod paragraphs;
pub mod rng;
pub mod textgen;
pub mod words;

/// Parses sizes such as `10MB`, `1GB`, `500KB` or `12345` into bytes.
/// Units are decimal (1 MB = 10^6 bytes), matching the MB/s in reports.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let upper = text.trim().to_ascii_uppercase();
    let split = upper
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(upper.len());
    let (digits, unit) = upper.split_at(split);
    let scale = match unit {
        "" | "B" => 1,
        "KB" => 1_000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        _ => return Err(format!("unknown size unit in {text:?}; use KB, MB or GB")),
    };
    let n: u64 = digits.parse().map_err(|_| format!("bad size {text:?}"))?;
    Ok(n * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_sizes() {
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("1gb"), Ok(1_000_000_000));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("MB").is_err());
    }
}
