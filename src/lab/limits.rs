//! Bounds on what arrives from outside (a link's state, an embedding page's message),
//! checked before anything recursive reads it: a few thousand nested brackets would
//! otherwise exhaust the stack of the JSON readers (the browser's, serde's).

/// How deeply `text`'s JSON nests (objects and arrays), found in one pass without
/// parsing it: brackets inside strings do not count. Malformed text is measured as
/// far as it goes (a JSON reader refuses it after).
pub fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_strings() {
        assert_eq!(json_depth("1"), 0);
        assert_eq!(json_depth("{\"a\": [1, {\"b\": []}]}"), 4);
        assert_eq!(json_depth("{\"a\": \"[[[[\\\"]]]\"}"), 1);
        assert_eq!(json_depth(&"[".repeat(5000)), 5000);
    }
}
