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
/// typo: the first of [`closest_names`].
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest_names(wanted, candidates, 1).into_iter().next()
}

/// The candidates `wanted` likely stands for, best first, at most `max`: those
/// that differ from it only in case, when there are any (then nothing farther
/// is a better guess), else the nearest by edit distance, within a third of
/// the name's length (and at least 1). Ties keep the candidates' order and a
/// repeated candidate counts once, so the result is deterministic.
pub(crate) fn closest_names<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    let mut near: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(order, candidate)| (distance(wanted, candidate), order, candidate))
        .filter(|&(d, _, _)| d <= limit)
        .collect();
    if near.iter().any(|(_, _, c)| c.eq_ignore_ascii_case(wanted)) {
        near.retain(|(_, _, c)| c.eq_ignore_ascii_case(wanted));
    }
    near.sort_unstable_by_key(|&(d, order, _)| (d, order));
    let mut names: Vec<&str> = Vec::new();
    for (_, _, candidate) in near {
        if names.len() == max {
            break;
        }
        if !names.contains(&candidate) {
            names.push(candidate);
        }
    }
    names
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

    #[test]
    fn a_case_slip_comes_before_nearer_names() {
        // `Update` is as near to `updates` (one letter dropped) as `Updates`
        // (one letter's case), and comes first.
        let names = ["Update", "Updates", "updateShort", "User"];
        assert_eq!(closest("updates", names), Some("Updates"));
        assert_eq!(closest_names("updates", names, 3), ["Updates"]);
        assert_eq!(closest_names("Updatess", names, 3), ["Updates", "Update"]);
        assert_eq!(closest_names("Updatess", names, 1), ["Updates"]);
        assert_eq!(
            closest_names("Updatess", ["Updates", "Updates"], 3),
            ["Updates"]
        );
        assert_eq!(closest_names("Zebra", names, 3), Vec::<&str>::new());
    }
}
