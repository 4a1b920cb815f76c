//! "Did you mean" suggestions by edit distance.

/// Levenshtein distance between `a` and `b`, compared case-insensitively
/// (a case-only difference counts as a distance of 1).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(b) {
        return 1;
    }
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo (at most a third of the name's length, and at least 1). Ties go to
/// the earliest candidate, so the result is deterministic.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let d = distance(wanted, candidate);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("MessageEntity", "MessageEntity"), 0);
        assert_eq!(distance("MesageEntity", "MessageEntity"), 1);
        assert_eq!(distance("messageentity", "MessageEntity"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_picks_a_near_name_only() {
        let names = ["Updates", "Update", "User", "Chat"];
        assert_eq!(closest("Updtes", names), Some("Updates"));
        assert_eq!(closest("Usr", names), Some("User"));
        assert_eq!(closest("Zebra", names), None);
    }
}
