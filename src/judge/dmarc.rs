//! DMARC record syntax (RFC 7489 §6.3, §6.4).

use super::syntax::{Reason, SyntaxProblem};

pub(super) fn check(record: &str) -> Result<(), SyntaxProblem> {
    let mut policy = false;
    for tag in record
        .split(';')
        .map(str::trim)
        .skip(1)
        .filter(|t| !t.is_empty())
    {
        let Some((name, value)) = tag.split_once('=') else {
            return Err(SyntaxProblem::new(Reason::BadTag, tag));
        };
        let (name, value) = (name.trim(), value.trim());
        let ok = match name {
            "p" | "sp" => matches!(value, "none" | "quarantine" | "reject"),
            "adkim" | "aspf" => matches!(value, "r" | "s"),
            "pct" => value.parse::<u8>().is_ok_and(|n| n <= 100),
            "ri" => value.parse::<u32>().is_ok(),
            "fo" => value.split(':').all(|o| matches!(o, "0" | "1" | "d" | "s")),
            "rua" | "ruf" => value
                .split(',')
                .all(|u| u.trim().to_ascii_lowercase().starts_with("mailto:")),
            // Unknown tags must be ignored (§6.3).
            _ => true,
        };
        if !ok {
            let reason = if name == "p" {
                Reason::BadPolicy
            } else {
                Reason::BadValue
            };
            return Err(SyntaxProblem::new(reason, tag));
        }
        policy |= name == "p";
    }
    if policy {
        Ok(())
    } else {
        Err(SyntaxProblem::new(Reason::MissingPolicy, "p="))
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn records() {
        assert!(check("v=DMARC1; p=reject; rua=mailto:d@example.com; pct=100").is_ok());
        assert!(check("v=DMARC1;p=none").is_ok());
        for (r, why) in [
            ("v=DMARC1; rua=mailto:d@example.com", "missing-policy"),
            ("v=DMARC1; p=block", "bad-policy"),
            ("v=DMARC1; p=none; pct=200", "bad-value"),
            ("v=DMARC1; p=none; rua=d@example.com", "bad-value"),
            ("v=DMARC1; p=none; adkim", "bad-tag"),
        ] {
            assert_eq!(check(r).err().map(|p| p.reason.id()), Some(why), "{r}");
        }
    }
}
